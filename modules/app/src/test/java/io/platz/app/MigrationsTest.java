package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.Migrations;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void aRestartAppliesNothingTwice() {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    DatabaseSettings database = DatabaseSettings.fromUrl(config.databaseUrl().get());

    try (TestPlatform first = TestPlatform.start(config)) {
      assertThat(first.api().get("/ready").status()).isEqualTo(200);
    }
    String applied = TestDatabases.queryValue(database, "SELECT count(*) FROM flyway_schema_history");
    assertThat(Integer.parseInt(applied)).isPositive();

    try (TestPlatform second = TestPlatform.start(config)) {
      assertThat(second.api().get("/ready").status()).isEqualTo(200);
    }
    assertThat(TestDatabases.queryValue(database, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(applied);
    assertThat(Migrations.migrate(database).applied()).isZero();
  }
}
