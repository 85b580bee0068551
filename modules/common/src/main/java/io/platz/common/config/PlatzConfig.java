package io.platz.common.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of a Platz process, typed. Built by {@link ConfigLoader} from {@code config/platz.json}
 * overlaid with {@code PLATZ_*} environment variables; the rest of the code never reads a string key.
 *
 * @param databaseUrl empty means: run the embedded PostgreSQL under {@code dataDir}
 * @param httpInstances 0 means one HTTP verticle per core
 */
public record PlatzConfig(
    String httpHost,
    int httpPort,
    int httpInstances,
    Duration shutdownTimeout,
    Path dataDir,
    Optional<String> databaseUrl,
    int databasePoolSize,
    String adminEmail,
    int authCacheSize,
    Duration deploymentTokenTtl) {

  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }

  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty();
  }

  public PlatzConfig withHttpPort(int port) {
    return new PlatzConfig(httpHost, port, httpInstances, shutdownTimeout, dataDir, databaseUrl,
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl);
  }

  public PlatzConfig withDataDir(Path dir) {
    return new PlatzConfig(httpHost, httpPort, httpInstances, shutdownTimeout, dir, databaseUrl,
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl);
  }

  public PlatzConfig withDatabaseUrl(String url) {
    return new PlatzConfig(httpHost, httpPort, httpInstances, shutdownTimeout, dataDir, Optional.ofNullable(url),
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl);
  }

  /** The settings the verticles need, in the shape {@code DeploymentOptions.setConfig} carries. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("http_host", httpHost)
        .put("http_port", httpPort)
        .put("shutdown_timeout_ms", shutdownTimeout.toMillis())
        .put("data_dir", dataDir.toString())
        .put("admin_email", adminEmail)
        .put("auth_cache_size", authCacheSize)
        .put("deployment_token_ttl_seconds", deploymentTokenTtl.toSeconds());
  }
}
