package io.platz.app.support;

import io.platz.audit.chain.AuditVerifier;
import io.platz.audit.chain.EventMac;
import io.platz.persistence.Database;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.ServerKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Reads the audit trail of a database the way {@code platz audit verify} does, from the test. */
public final class AuditTrailProbe {

  /** How many committed events wait for their seq (refused rows never get one). */
  public static final String UNLINKED_COUNT =
      "SELECT count(*) FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.position = e.position)"
          + " AND NOT EXISTS (SELECT 1 FROM audit_refused r WHERE r.position = e.position)";

  private AuditTrailProbe() {
  }

  public static AuditVerifier.Result verify(DatabaseSettings database, Path dataDir) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.pool(vertx, database, 2);
      return new AuditVerifier(pool, ServerKeys.load(dataDir, null), dataDir.resolve("audit-checkpoint"))
          .verify().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      vertx.close().await();
    }
  }

  /**
   * An INSERT of {@code env.updated} events by the system, one per {@code data}, each with the MAC Platz's own
   * writer would give it under the server key in {@code dataDir}: events as Platz writes them, by SQL.
   */
  public static String sealedEvents(Path dataDir, List<JsonObject> data) {
    EventMac macs = new EventMac(ServerKeys.load(dataDir, null).auditEventKey());
    OffsetDateTime now = EventMac.now();
    StringJoiner rows = new StringJoiner(", ");
    for (JsonObject each : data) {
      UUID id = UUID.randomUUID();
      byte[] mac = macs.of(EventMac.ENV_NAMED, id, now, "env.updated", "System", null, null, null, "Env", null, each);
      rows.add("('%s', '%s', 'env.updated', 'System', 'Env', '%s'::jsonb, '\\x%s'::bytea)"
          .formatted(id, now, each.encode().replace("'", "''"), HexFormat.of().formatHex(mac)));
    }
    return "INSERT INTO audit_events (id, occurred_at, type, actor_type, subject_type, data, mac) VALUES " + rows;
  }

  /** The highest seq assigned so far, once no event is waiting for one. */
  public static long settledSeq(DatabaseSettings database) {
    if (!"0".equals(Eventually.read(() -> TestDatabases.queryValue(database, UNLINKED_COUNT), "0"::equals))) {
      throw new AssertionError("audit events stayed unsequenced");
    }
    return Long.parseLong(TestDatabases.queryValue(database, "SELECT coalesce(max(seq), 0) FROM audit_links"));
  }
}
