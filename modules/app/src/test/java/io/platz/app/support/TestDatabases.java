package io.platz.app.support;

import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One real PostgreSQL server for the whole test run (the same embedded server Platz runs by default), and a
 * fresh database on it for every test that asks, so tests never see each other's rows.
 */
public final class TestDatabases {

  private static EmbeddedDatabase server;

  private TestDatabases() {
  }

  /** A {@code postgresql://} URL of a new, empty database: the "external database" configuration. */
  public static synchronized String freshDatabaseUrl() {
    DatabaseSettings admin = server().settings();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute(admin, "CREATE DATABASE " + name);
    return "postgresql://" + admin.user() + ":" + admin.password() + "@" + admin.host() + ":" + admin.port() + "/" + name;
  }

  public static void execute(DatabaseSettings settings, String sql) {
    try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The first column of the first row, as text, or null when there is no row. */
  public static String queryValue(DatabaseSettings settings, String sql) {
    try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static EmbeddedDatabase server() {
    if (server == null) {
      // deleted once the server has stopped (close waits for it), so not left to TempDirs, whose hook could run first
      Path dir = TempDirs.createKept("platz-test-pg");
      EmbeddedDatabase started;
      try {
        started = EmbeddedDatabase.start(dir);
      } catch (RuntimeException e) {
        TempDirs.delete(dir);
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.close();
        TempDirs.delete(dir);
      }, "test-pg-stop"));
      server = started;
    }
    return server;
  }
}
