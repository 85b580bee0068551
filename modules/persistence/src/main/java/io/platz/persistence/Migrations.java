package io.platz.persistence;

import io.platz.common.StartupException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the SQL migrations every module ships under {@code db/migration} on the class path. Flyway records
 * what it applied, so a restart applies nothing twice, and takes a database lock, so two instances starting
 * together do not race.
 */
public final class Migrations {

  /** What migrating did, and the schema version the code expects from now on. */
  public record Result(int applied, String schemaVersion) {
  }

  private Migrations() {
  }

  /** Blocking. */
  public static Result migrate(DatabaseSettings settings) {
    checkReachable(settings);
    Flyway flyway = Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load();
    MigrateResult result = flyway.migrate();
    MigrationInfo current = flyway.info().current();
    return new Result(result.migrationsExecuted, current == null ? "" : current.getVersion().getVersion());
  }

  /** Turns the driver's long failure into one line that says where we tried to connect. */
  private static void checkReachable(DatabaseSettings settings) {
    DriverManager.setLoginTimeout(10);
    try (Connection ignored = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
      // reachable
    } catch (SQLException e) {
      throw new StartupException("cannot reach PostgreSQL at " + settings.describe() + ": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no answer" : message.lines().findFirst().orElse(message);
  }
}
