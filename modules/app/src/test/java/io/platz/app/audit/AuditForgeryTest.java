package io.platz.app.audit;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.platz.app.support.AuditConsumer;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.LogCapture;
import io.platz.app.support.PlatzProcess;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.audit.api.AuditCheckpoint;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit trail against someone who can write to the database (its owner, even) but does not hold the server
 * key: the attacks of the security report, replayed with SQL. An inserted event is refused, not numbered; a
 * deleted event and a cut tail are reported by {@code platz audit verify}, the tail against the checkpoint kept
 * outside the database.
 */
class AuditForgeryTest {

  private static final String UNGUARDED = """
      ALTER TABLE audit_events DISABLE TRIGGER audit_events_immutable;
      ALTER TABLE audit_links DISABLE TRIGGER audit_links_immutable;
      """;

  @Test
  void anEventInsertedInTheDatabaseIsRefusedAndACopyOfOneIsToo() throws Exception {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());
    AuditConsumer consumer = new AuditConsumer();
    String forged;
    String copied;
    try (TestPlatform platz = TestPlatform.start(config, consumer::subscribe);
         LogCapture log = LogCapture.attach()) {
      Fixtures fixtures = new Fixtures(platz);
      String user = fixtures.user("Mallory");
      long before = AuditTrailProbe.settledSeq(database);
      String admin = TestDatabases.queryValue(database, "SELECT id FROM users WHERE is_admin ORDER BY created_at LIMIT 1");

      // the report's attack: a backdated promotion, as if the admin had made it
      forged = TestDatabases.queryValue(database, """
          INSERT INTO audit_events (occurred_at, type, actor_type, actor_id, subject_type, subject_id, data)
          VALUES (now() - interval '30 days', 'user.updated', 'User', '%s', 'User', '%s',
                  '{"changes": {"is_admin": true}}') RETURNING id""".formatted(admin, user));
      // and a copy of a real event, MAC and all, with the guard against it dropped
      TestDatabases.execute(database, "ALTER TABLE audit_events DROP CONSTRAINT audit_events_id_key");
      copied = TestDatabases.queryValue(database, """
          INSERT INTO audit_events (id, occurred_at, type, actor_type, actor_id, token_id, env_id, subject_type,
                                    subject_id, data, mac)
          SELECT id, occurred_at, type, actor_type, actor_id, token_id, env_id, subject_type, subject_id, data, mac
          FROM audit_events WHERE position = (SELECT position FROM audit_links WHERE seq = %d)
          RETURNING id""".formatted(before));

      fixtures.bot("written-after-the-forgery");
      long after = AuditTrailProbe.settledSeq(database);
      assertThat(after).as("the bot's event only").isEqualTo(before + 1);
      consumer.awaitSeq(after);
      assertThat(consumer.received()).extracting(event -> event.getString("id")).doesNotContain(forged)
          .containsOnlyOnce(copied);
      assertThat(log.lines()).anyMatch(line -> line.startsWith("audit event row refused") && line.contains(forged))
          .anyMatch(line -> line.startsWith("audit event row refused") && line.contains(copied));
      assertThat(platz.api().get("/metrics").body()).contains("platz_audit_events_refused_total 2.0");
    }

    assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems())
        .anyMatch(problem -> problem.contains("(id " + forged + ") was not written by Platz"))
        .anyMatch(problem -> problem.contains("(id " + copied + ") copies the id of another row"));
  }

  @Test
  void aDeletedEventAndACutTailAreReportedAgainstTheCheckpoint() throws Exception {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());
    BlockingQueue<AuditCheckpoint> checkpoints = new LinkedBlockingQueue<>();
    long last;
    try (TestPlatform platz = TestPlatform.start(config, vertx -> vertx.eventBus().<JsonObject>consumer(
        AuditCheckpoint.ADDRESS, message -> checkpoints.add(AuditCheckpoint.fromJson(message.body()))))) {
      Fixtures fixtures = new Fixtures(platz);
      for (int i = 0; i < 3; i++) {
        fixtures.bot("checkpointed-" + i);
      }
      last = AuditTrailProbe.settledSeq(database);
      AuditCheckpoint checkpoint;
      do {
        checkpoint = checkpoints.poll(Eventually.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(checkpoint).as("a checkpoint of seq " + last).isNotNull();
      } while (checkpoint.seq() < last);
    }
    assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems()).isEmpty();

    // the report's cover-up: the last event and its link deleted, the head put back one
    TestDatabases.execute(database, UNGUARDED + """
        DELETE FROM audit_events WHERE position = (SELECT position FROM audit_links WHERE seq = %1$d);
        DELETE FROM audit_links WHERE seq = %1$d;
        UPDATE audit_chain SET last_seq = %2$d, published_seq = %2$d,
                               last_hash = (SELECT hash FROM audit_links WHERE seq = %2$d);
        """.formatted(last, last - 1));
    Map<String, String> env = Map.of("PLATZ_DATABASE_URL", config.databaseUrl().get(),
        "PLATZ_DATA_DIR", config.dataDir().toString());
    try (PlatzProcess verify = PlatzProcess.start(env, "audit", "verify")) {
      assertThat(verify.awaitExit(Duration.ofSeconds(60))).as(verify.output()).isEqualTo(1);
      assertThat(verify.stdoutLastLine()).isEqualTo("the chain ends at seq " + (last - 1) + ", before seq " + last
          + " of the checkpoint of " + checkpointAt(config) + ": events were cut off its end");
    }

    // a server started on the cut chain numbers nothing, or the seq it gave would carry the next checkpoint past the cut
    try (LogCapture log = LogCapture.attach(); TestPlatform platz = TestPlatform.start(config)) {
      new Fixtures(platz).bot("written-after-the-cut");
      awaitLine(log, "the audit chain in the database no longer holds seq " + last);
      assertThat(TestDatabases.queryValue(database, "SELECT last_seq FROM audit_chain")).isEqualTo(String.valueOf(last - 1));
    }
    assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems()).singleElement(as(STRING))
        .startsWith("the chain ends at seq " + (last - 1) + ", before seq " + last);

    // and one from the middle
    TestDatabases.execute(database, UNGUARDED + """
        DELETE FROM audit_events WHERE position = (SELECT position FROM audit_links WHERE seq = 2);
        DELETE FROM audit_links WHERE seq = 2;
        """);
    assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems())
        .startsWith("seq 2 is missing: an event was deleted");
  }

  private static void awaitLine(LogCapture log, String start) {
    assertThat(Eventually.read(log::lines, lines -> lines.stream().anyMatch(line -> line.startsWith(start))))
        .as("a log line starting " + start).anyMatch(line -> line.startsWith(start));
  }

  private static String checkpointAt(PlatzConfig config) throws Exception {
    return new JsonObject(Files.readString(config.auditCheckpointFile())).getString("at");
  }
}
