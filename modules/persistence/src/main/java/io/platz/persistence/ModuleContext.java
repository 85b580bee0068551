package io.platz.persistence;

import io.platz.common.config.PlatzConfig;

/** What every module's verticles are built with: the configuration and the database it was migrated on. */
public record ModuleContext(PlatzConfig config, DatabaseSettings database, String schemaVersion) {
}
