package io.platz.app;

import io.platz.auth.identities.AdminTokens;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.Database;
import io.platz.persistence.ServerKeys;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/**
 * {@code platz admin create-token --email <email>}: a new user token for that site admin (created, promoted or
 * reactivated as needed), printed alone on the last line of stdout. Same configuration as the server; with the
 * embedded database it needs the server stopped, which the data-directory lock enforces.
 */
final class AdminCommand {

  private AdminCommand() {
  }

  static String createToken(PlatzConfig config, String email) {
    try (MigratedDatabase database = MigratedDatabase.open(config)) {
      Vertx vertx = Vertx.vertx();
      try {
        Pool pool = Database.pool(vertx, database.settings(), 2);
        ServerKeys keys = ServerKeys.load(config.dataDir(), config.serverKey().orElse(null));
        return AdminTokens.standalone(vertx, pool, keys).createToken(email).await(60, TimeUnit.SECONDS).value();
      } catch (Exception e) {
        throw Main.failure(e);
      } finally {
        Platform.closeQuietly(vertx);
      }
    }
  }
}
