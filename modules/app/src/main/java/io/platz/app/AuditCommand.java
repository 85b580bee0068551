package io.platz.app;

import io.platz.audit.chain.AuditVerifier;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.Database;
import io.platz.persistence.ServerKeys;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * {@code platz audit verify}: recomputes the audit chain with the server's key, against the checkpoint in the
 * server's checkpoint file, and looks for event rows Platz did not write. Same configuration as the server;
 * with the embedded database it needs the server stopped, which the data-directory lock enforces.
 */
final class AuditCommand {

  private AuditCommand() {
  }

  /** What to print: {@code intact}, or each problem found. */
  static AuditVerifier.Result verify(PlatzConfig config) {
    try (MigratedDatabase database = MigratedDatabase.open(config)) {
      Vertx vertx = Vertx.vertx();
      try {
        ServerKeys keys = ServerKeys.load(config.dataDir(), config.serverKey().orElse(null));
        AuditVerifier verifier = new AuditVerifier(Database.pool(vertx, database.settings(), 2), keys,
            config.auditCheckpointFile());
        return verifier.verify().await(30, TimeUnit.MINUTES);
      } catch (Exception e) {
        throw Main.failure(e);
      } finally {
        Platform.closeQuietly(vertx);
      }
    }
  }
}
