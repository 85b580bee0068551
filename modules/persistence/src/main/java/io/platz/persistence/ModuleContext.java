package io.platz.persistence;

import io.platz.common.config.PlatzConfig;

/**
 * What every module's verticles are built with: the configuration, the database it was migrated on, and the
 * server's keys.
 */
public record ModuleContext(PlatzConfig config, DatabaseSettings database, String schemaVersion, ServerKeys keys) {
}
