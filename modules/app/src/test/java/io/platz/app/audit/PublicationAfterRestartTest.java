package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.AuditConsumer;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Events committed by a process that stopped before publishing them reach the bus after a restart: every seq at
 * least once, in order, none missing.
 */
class PublicationAfterRestartTest {

  @Test
  void eventsCommittedButNeverPublishedArePublishedByTheNextProcess() throws Exception {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());
    long published;
    // Another "instance" holds the pump role and never pumps: what this process commits stays unpublished.
    try (Connection other = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         Statement statement = other.createStatement()) {
      try (TestPlatform first = TestPlatform.start(config)) {
        published = AuditTrailProbe.settledSeq(database);
        statement.execute("SELECT pg_advisory_lock(hashtext('platz.audit.pump'))");
        Fixtures fixtures = new Fixtures(first);
        for (int i = 0; i < 5; i++) {
          fixtures.botToken(fixtures.bot("unpublished-" + i));
        }
        assertThat(TestDatabases.queryValue(database, AuditTrailProbe.UNLINKED_COUNT)).isEqualTo("10");
      }
    }
    // And a crash after numbering but before publishing: the publication mark lags behind.
    TestDatabases.execute(database, "UPDATE audit_chain SET published_seq = published_seq - 2");

    AuditConsumer consumer = new AuditConsumer();
    try (TestPlatform second = TestPlatform.start(config, consumer::subscribe)) {
      long last = AuditTrailProbe.settledSeq(database);
      assertThat(last).isEqualTo(published + 10);
      consumer.awaitSeq(last);
      List<Long> seqs = consumer.seqs();
      assertThat(seqs).as("from the lagging mark on, in order, none missing")
          .containsExactlyElementsOf(LongStream.rangeClosed(published - 1, last).boxed().toList());
      assertThat(AuditTrailProbe.verify(database, config.dataDir()).problems()).isEmpty();
    }
  }
}
