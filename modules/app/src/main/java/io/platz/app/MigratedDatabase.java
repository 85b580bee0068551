package io.platz.app;

import io.platz.common.config.PlatzConfig;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.EmbeddedDatabase;
import io.platz.persistence.Migrations;

/** The database a process runs on, embedded or external, migrated and ready; closing stops an embedded one. */
final class MigratedDatabase implements AutoCloseable {

  private final EmbeddedDatabase embedded;
  private final DatabaseSettings settings;
  private final Migrations.Result migrations;

  private MigratedDatabase(EmbeddedDatabase embedded, DatabaseSettings settings, Migrations.Result migrations) {
    this.embedded = embedded;
    this.settings = settings;
    this.migrations = migrations;
  }

  /** Blocking. */
  static MigratedDatabase open(PlatzConfig config) {
    EmbeddedDatabase embedded = config.embeddedDatabase() ? EmbeddedDatabase.start(config.dataDir()) : null;
    DatabaseSettings settings = embedded != null ? embedded.settings() : DatabaseSettings.fromUrl(config.databaseUrl().get());
    try {
      return new MigratedDatabase(embedded, settings, Migrations.migrate(settings));
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  DatabaseSettings settings() {
    return settings;
  }

  Migrations.Result migrations() {
    return migrations;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
