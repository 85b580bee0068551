package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.AuditConsumer;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * An event from a transaction that began before others and commits after they were numbered is still found and
 * numbered: the pump looks again at the transactions it saw running, not only past the last event it saw.
 */
class LateCommitTest {

  @Test
  void anEventCommittedLongAfterLaterEventsWereNumberedIsNumberedNext() throws Exception {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());
    AuditConsumer consumer = new AuditConsumer();
    try (TestPlatform platz = TestPlatform.start(config, consumer::subscribe);
         Connection slow = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         Statement statement = slow.createStatement()) {
      long before = AuditTrailProbe.settledSeq(database);
      slow.setAutoCommit(false);
      // a writer that takes its time: its event has its place in the table, and is invisible until it commits
      statement.execute(AuditTrailProbe.sealedEvents(config.dataDir(), List.of(new JsonObject().put("note", "slow writer"))));

      Fixtures fixtures = new Fixtures(platz);
      for (int i = 0; i < 3; i++) {
        fixtures.bot("while-the-slow-writer-works-" + i);
      }
      long meanwhile = AuditTrailProbe.settledSeq(database);
      assertThat(meanwhile).isEqualTo(before + 3);

      slow.commit();
      // nobody wakes the pump for this writer: its half-second sweep finds the event
      long last = AuditTrailProbe.settledSeq(database);
      assertThat(last).isEqualTo(meanwhile + 1);
      consumer.awaitSeq(last);
      JsonObject lateOne = consumer.received().stream().filter(event -> event.getLong("seq") == last).findFirst().orElseThrow();
      assertThat(lateOne.getJsonObject("data").getString("note")).isEqualTo("slow writer");
      assertThat(consumer.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
      assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems()).isEmpty();
    }
  }

  /** A batch ends at 500 events; the pump looks again from the transaction it stopped in, not past it. */
  @Test
  void aTransactionWithMoreEventsThanOneBatchHasEveryOneNumbered() throws Exception {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());
    AuditConsumer consumer = new AuditConsumer();
    try (TestPlatform platz = TestPlatform.start(config, consumer::subscribe)) {
      long before = AuditTrailProbe.settledSeq(database);
      Fixtures fixtures = new Fixtures(platz);
      Thread others = new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          fixtures.bot("beside-the-big-one-" + i);
        }
      });
      others.start();
      TestDatabases.execute(database, AuditTrailProbe.sealedEvents(config.dataDir(),
          IntStream.rangeClosed(1, 1700).mapToObj(n -> new JsonObject().put("n", n)).toList()));
      others.join();

      long last = AuditTrailProbe.settledSeq(database);
      assertThat(last).isEqualTo(before + 1700 + 10);
      consumer.awaitSeq(last);
      assertThat(consumer.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
      assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems()).isEmpty();
    }
  }
}
