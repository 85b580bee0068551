package io.platz.app.support;

import io.platz.audit.chain.AuditChain;
import io.platz.audit.chain.AuditVerifier;
import io.platz.persistence.Database;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.ServerKeys;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads the audit trail of a database the way {@code platz audit verify} does, from the test. */
public final class AuditTrailProbe {

  /** How many committed events wait for their seq. */
  public static final String UNLINKED_COUNT =
      "SELECT count(*) FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.position = e.position)";

  private AuditTrailProbe() {
  }

  public static AuditVerifier.Result verify(DatabaseSettings database, Path dataDir) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.pool(vertx, database, 2);
      return new AuditVerifier(pool, new AuditChain(ServerKeys.load(dataDir, null).auditKey())).verify().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close().await();
    }
  }

  /** The highest seq assigned so far, once no event is waiting for one. */
  public static long settledSeq(DatabaseSettings database) {
    for (int i = 0; i < 200; i++) {
      if ("0".equals(TestDatabases.queryValue(database, UNLINKED_COUNT))) {
        return Long.parseLong(TestDatabases.queryValue(database, "SELECT coalesce(max(seq), 0) FROM audit_links"));
      }
      PlatzProcess.sleep(25);
    }
    throw new AssertionError("audit events stayed unsequenced");
  }
}
