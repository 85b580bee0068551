package io.platz.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of a Platz process, typed. Built by {@link ConfigLoader} from {@code config/platz.json}
 * overlaid with {@code PLATZ_*} environment variables; the rest of the code never reads a string key.
 *
 * @param databaseUrl empty means: run the embedded PostgreSQL under {@code dataDir}
 * @param httpInstances 0 means one HTTP verticle per core
 * @param serverKey empty means: the key in {@code dataDir/server.key}, created on first start
 * @param authFailuresPerMinute failed authentications one source address may make before it must wait
 * @param maxConfigBytes the most a deployment's {@code config} or a task's operation may weigh, as UTF-8 JSON
 * @param console the admin console's cookies and session limits
 * @param auditCheckpoint empty means: {@code dataDir/audit-checkpoint}
 * @param oidc empty means: no OpenID Connect sign-in, only tokens
 * @param authCacheMaxAge how long a cached credential or grant is trusted before the database is asked again, should
 *     an eviction never arrive (a partitioned instance)
 * @param cluster empty means: one process, no cluster
 * @param auditStreamKeepAlive how often a quiet audit event stream gets a comment line, so proxies keep it open
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
    Duration deploymentTokenTtl,
    Optional<String> serverKey,
    int authFailuresPerMinute,
    int maxConfigBytes,
    ConsoleConfig console,
    Optional<Path> auditCheckpoint,
    Optional<OidcConfig> oidc,
    Duration authCacheMaxAge,
    Optional<ClusterConfig> cluster,
    Duration auditStreamKeepAlive) {

  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }

  /** Where the audit pump keeps its signed checkpoint of the chain's head, outside the database. */
  public Path auditCheckpointFile() {
    return auditCheckpoint.orElse(dataDir.resolve("audit-checkpoint"));
  }

  public boolean embeddedDatabase() {
    return databaseUrl.isEmpty();
  }

  public PlatzConfig withHttpPort(int port) {
    return new PlatzConfig(httpHost, port, httpInstances, shutdownTimeout, dataDir, databaseUrl,
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl, serverKey, authFailuresPerMinute,
        maxConfigBytes, console, auditCheckpoint, oidc, authCacheMaxAge, cluster, auditStreamKeepAlive);
  }

  public PlatzConfig withDataDir(Path dir) {
    return new PlatzConfig(httpHost, httpPort, httpInstances, shutdownTimeout, dir, databaseUrl,
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl, serverKey, authFailuresPerMinute,
        maxConfigBytes, console, auditCheckpoint, oidc, authCacheMaxAge, cluster, auditStreamKeepAlive);
  }

  public PlatzConfig withDatabaseUrl(String url) {
    return new PlatzConfig(httpHost, httpPort, httpInstances, shutdownTimeout, dataDir, Optional.ofNullable(url),
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl, serverKey, authFailuresPerMinute,
        maxConfigBytes, console, auditCheckpoint, oidc, authCacheMaxAge, cluster, auditStreamKeepAlive);
  }

  public PlatzConfig withCluster(ClusterConfig clusterConfig) {
    return new PlatzConfig(httpHost, httpPort, httpInstances, shutdownTimeout, dataDir, databaseUrl,
        databasePoolSize, adminEmail, authCacheSize, deploymentTokenTtl, serverKey, authFailuresPerMinute,
        maxConfigBytes, console, auditCheckpoint, oidc, authCacheMaxAge, Optional.of(clusterConfig), auditStreamKeepAlive);
  }

  /** Never shows the database password or the server key. */
  @Override
  public String toString() {
    return "PlatzConfig[http=" + httpHost + ":" + httpPort + ", dataDir=" + dataDir
        + ", database=" + (databaseUrl.isPresent() ? "external" : "embedded") + "]";
  }
}
