package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Fixtures;
import io.platz.app.support.PlatzProcess;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code platz audit verify}: intact until someone edits an event in SQL; then it names that event's seq. */
class AuditVerifyCommandTest {

  @Test
  void namesTheFirstEventThatWasEdited() {
    String url = TestDatabases.freshDatabaseUrl();
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", url));
    DatabaseSettings database = DatabaseSettings.fromUrl(url);
    try (TestPlatform platz = TestPlatform.start(config)) {
      Fixtures fixtures = new Fixtures(platz);
      for (int i = 0; i < 4; i++) {
        fixtures.botToken(fixtures.bot("chained-" + i));
      }
      AuditTrailProbe.settledSeq(database);
    }
    Map<String, String> env = Map.of("PLATZ_DATABASE_URL", url, "PLATZ_DATA_DIR", config.dataDir().toString());
    try (PlatzProcess verify = PlatzProcess.start(env, "audit", "verify")) {
      assertThat(verify.awaitExit(Duration.ofSeconds(60))).as(verify.output()).isZero();
      assertThat(verify.stdoutLastLine()).isEqualTo("intact");
    }

    // someone with the database but not the server key rewrites history, and disables the guard to do it
    TestDatabases.execute(database, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_immutable");
    TestDatabases.execute(database, "UPDATE audit_events SET data = data || '{\"display_name\": \"innocent\"}' "
        + "WHERE position = (SELECT position FROM audit_links WHERE seq = 5)");
    try (PlatzProcess verify = PlatzProcess.start(env, "audit", "verify")) {
      assertThat(verify.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(verify.stdoutLastLine()).isEqualTo("seq 5 does not match the chain");
    }
  }

  @Test
  void theGuardRefusesEditsAndDeletesOfEvents() {
    String url = TestDatabases.freshDatabaseUrl();
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of("PLATZ_DATABASE_URL", url)))) {
      DatabaseSettings database = platz.platform().database();
      AuditTrailProbe.settledSeq(database);
      String first = "(SELECT position FROM audit_links WHERE seq = 1)";
      assertThatThrownBy(() -> TestDatabases.execute(database,
          "UPDATE audit_events SET type = 'nothing.happened' WHERE position = " + first)).hasMessageContaining("never edited");
      assertThatThrownBy(() -> TestDatabases.execute(database,
          "DELETE FROM audit_events WHERE position = " + first)).hasMessageContaining("never deleted");
      assertThatThrownBy(() -> TestDatabases.execute(database,
          "UPDATE audit_links SET seq = 1000 WHERE seq = 1")).as("nor renumbered").hasMessageContaining("never edited");
      assertThatThrownBy(() -> TestDatabases.execute(database,
          "DELETE FROM audit_links WHERE seq = 1")).hasMessageContaining("never deleted");
    }
  }
}
