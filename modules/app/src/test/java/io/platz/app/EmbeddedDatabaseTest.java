package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.persistence.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default configuration: no database URL, so Platz runs its own PostgreSQL under the data directory. */
class EmbeddedDatabaseTest {

  @TempDir
  Path dataDir;

  @Test
  void isDurableAndClosedToOtherLocalUsers() throws Exception {
    try (TestPlatform platz = TestPlatform.startEmbedded(dataDir)) {
      assertThat(platz.api().get("/ready").status()).isEqualTo(200);
      DatabaseSettings db = platz.platform().database();
      assertThat(TestDatabases.queryValue(db, "SHOW fsync")).isEqualTo("on");
      assertThat(TestDatabases.queryValue(db, "SHOW synchronous_commit")).isEqualTo("on");
      assertThat(TestDatabases.queryValue(db, "SHOW full_page_writes")).isEqualTo("on");

      assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong").close())
          .hasMessageContaining("password authentication failed");
      assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void dataSurviveARestart() {
    try (TestPlatform platz = TestPlatform.startEmbedded(dataDir)) {
      TestDatabases.execute(platz.platform().database(),
          "INSERT INTO users (display_name, email) VALUES ('Survivor', 'survivor@example.org')");
    }
    try (TestPlatform platz = TestPlatform.startEmbedded(dataDir)) {
      assertThat(TestDatabases.queryValue(platz.platform().database(),
          "SELECT display_name FROM users WHERE email = 'survivor@example.org'")).isEqualTo("Survivor");
    }
  }

  @Test
  void whenPlatzHasStoppedSoHasItsPostgresql() throws Exception {
    long server;
    try (TestPlatform platz = TestPlatform.startEmbedded(dataDir)) {
      server = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
      assertThat(ProcessHandle.of(server)).get().matches(ProcessHandle::isAlive);
    }

    assertThat(ProcessHandle.of(server).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
