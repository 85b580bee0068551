package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What bounds a cache when no eviction reaches it, as on an instance cut off from the others: a change made in the
 * database without a notification (by SQL, here) stands for one the instance never heard of.
 */
class CacheBoundsTest {

  @Test
  void aCachedCredentialIsCheckedAgainstTheDatabaseOnceItsMaximumAgeHasPassed() {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_AUTH_CACHE_MAX_AGE_SECONDS", "1")))) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String token = fixtures.userToken(fixtures.user("Aged"));
      assertThat(api.get("/api/v2/auth/me", token).status()).isEqualTo(200);

      TestDatabases.execute(platz.platform().database(), "UPDATE user_tokens SET revoked_at = now()");

      assertThat(Eventually.read(() -> api.get("/api/v2/auth/me", token).status(), status -> status == 401)).isEqualTo(401);
    }
  }

  /**
   * The listeners' connections are ended by the server, and the database refuses new connections for a while, so
   * that they cannot listen again (the pool keeps the connections it has).
   */
  @Test
  void aLostListenConnectionFlushesItsCachesAndTheyKeepNothingUntilItListensAgain() throws SQLException {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_AUTH_CACHE_MAX_AGE_SECONDS", "3600")));
         Connection sql = connect(platz.platform().database());
         Statement statement = sql.createStatement();
         Connection server = connect(maintenanceDatabaseOf(platz.platform().database()));
         Statement admin = server.createStatement()) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String cached = fixtures.userToken(fixtures.user("Cached"));
      String later = fixtures.userToken(fixtures.user("Later"));
      assertThat(api.get("/api/v2/auth/me", cached).status()).isEqualTo(200);
      statement.execute("UPDATE user_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE display_name = 'Cached')");
      assertThat(api.get("/api/v2/auth/me", cached).status()).as("still cached").isEqualTo(200);

      String database = platz.platform().database().database();
      admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
      try {
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "' "
            + "AND query LIKE 'LISTEN%'");

        assertThat(Eventually.read(() -> api.get("/api/v2/auth/me", cached).status(), status -> status == 401))
            .as("flushed when the connection was lost").isEqualTo(401);
        assertThat(api.get("/api/v2/auth/me", later).status()).isEqualTo(200);
        statement.execute("UPDATE user_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE display_name = 'Later')");
        assertThat(api.get("/api/v2/auth/me", later).status()).as("not kept meanwhile").isEqualTo(401);
      } finally {
        admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
      }
    }
  }

  /** A database cannot refuse connections while one is connected to it: that is done from another. */
  private static DatabaseSettings maintenanceDatabaseOf(DatabaseSettings settings) {
    return new DatabaseSettings(settings.host(), settings.port(), "postgres", settings.user(), settings.password());
  }

  private static Connection connect(DatabaseSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }
}
