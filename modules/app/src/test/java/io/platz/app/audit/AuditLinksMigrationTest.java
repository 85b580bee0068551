package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An installation upgraded across V11 keeps its audit trail: numbered events keep their seq and hash, an event
 * committed but not numbered yet gets the next seq, and the chain verifies.
 */
class AuditLinksMigrationTest {

  /**
   * The audit tables as V10 left them, made from a V11 database: seq and hash back in the event rows, one event
   * committed and not numbered yet ({@link #pending}), V10's indexes, and V11 not applied. V2's guard, which V11's
   * own UPDATE must get past, is put back from V2 itself ({@link #v2Guard}). V13's objects stay (V13 runs again
   * over them), so that the pending event can carry the MAC every event has had since.
   */
  private static final String BACK_TO_V10 = """
      DROP TRIGGER audit_events_immutable ON audit_events;
      DROP TRIGGER audit_links_immutable ON audit_links;
      DROP FUNCTION audit_immutable();
      DROP INDEX audit_events_xact, audit_events_type, audit_events_actor, audit_events_env;
      ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN hash bytea, DROP COLUMN xact;
      ALTER TABLE audit_chain DROP COLUMN pending_from, DROP COLUMN pending_running;
      UPDATE audit_events e SET seq = l.seq, hash = l.hash FROM audit_links l WHERE l.position = e.position;
      ALTER TABLE audit_events ADD CONSTRAINT audit_events_check CHECK ((seq IS NULL) = (hash IS NULL));
      CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq) WHERE seq IS NOT NULL;
      CREATE INDEX audit_events_type ON audit_events (type, seq) WHERE seq IS NOT NULL;
      CREATE INDEX audit_events_actor ON audit_events (actor_id, seq) WHERE seq IS NOT NULL;
      CREATE INDEX audit_events_env ON audit_events (env_id, seq) WHERE seq IS NOT NULL;
      CREATE INDEX audit_events_unsequenced ON audit_events (position) WHERE seq IS NULL;
      DROP TABLE audit_links;
      DELETE FROM flyway_schema_history WHERE version IN ('11', '13');
      """;

  /** The guard function and its trigger as V2 created them: the end of V2's file. */
  private static String v2Guard() throws IOException {
    try (InputStream v2 = AuditLinksMigrationTest.class.getResourceAsStream("/db/migration/V2__audit_events.sql")) {
      String sql = new String(v2.readAllBytes(), StandardCharsets.UTF_8);
      return sql.substring(sql.indexOf("CREATE FUNCTION audit_events_immutable()"));
    }
  }

  private static String pending(PlatzConfig config) {
    return AuditTrailProbe.sealedEvents(config.dataDir(),
        List.of(new JsonObject().put("note", "committed before the upgrade, never numbered"))) + ";\n";
  }

  /**
   * Applies V11 again, and V13 over its own objects. The migrations between stay applied (taking them back too
   * would tie this test to each of them), so Flyway runs V11 out of order, which Platz's own start-up rightly
   * refuses to do.
   */
  private static void upgradeAcrossV11(DatabaseSettings database) {
    Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db/migration").outOfOrder(true).load().migrate();
  }

  @Test
  void numberedEventsKeepTheirLinksAndPendingOnesAreNumberedAfterTheUpgrade() throws IOException {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());
    JsonArray before;
    long last;
    try (TestPlatform old = TestPlatform.start(config)) {
      Fixtures fixtures = new Fixtures(old);
      fixtures.botToken(fixtures.bot("before-the-upgrade"));
      last = AuditTrailProbe.settledSeq(database);
      before = old.api().get("/api/v2/audit-events?per_page=500", fixtures.adminToken()).json().getJsonArray("items");
    }
    assertThat(before.size()).isEqualTo((int) last);
    TestDatabases.execute(database, BACK_TO_V10 + pending(config) + v2Guard());
    upgradeAcrossV11(database);

    try (TestPlatform upgraded = TestPlatform.start(config)) {
      assertThat(AuditTrailProbe.settledSeq(database)).isEqualTo(last + 1);
      JsonArray after = upgraded.api().get("/api/v2/audit-events?per_page=500", new Fixtures(upgraded).adminToken())
          .json().getJsonArray("items");
      assertThat(after.size()).isEqualTo((int) last + 1);
      assertThat(after.stream().limit(last).toList()).as("seq, id and hash as before").isEqualTo(before.stream().toList());
      JsonObject pending = after.getJsonObject((int) last);
      assertThat(pending.getLong("seq")).isEqualTo(last + 1);
      assertThat(pending.getJsonObject("data").getString("note")).startsWith("committed before the upgrade");
      assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems()).isEmpty();
    }
  }
}
