package io.platz.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.platz.common.config.PlatzConfig;

/**
 * What every module's verticles are built with: the configuration, the database it was migrated on, the
 * server's keys, the registry behind {@code /metrics} for figures of their own, and the process's listeners for
 * other processes' changes.
 */
public record ModuleContext(PlatzConfig config, DatabaseSettings database, String schemaVersion, ServerKeys keys,
                            MeterRegistry metrics, Notifications notifications) {
}
