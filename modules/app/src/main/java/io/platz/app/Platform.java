package io.platz.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platz.api.ApiVerticle;
import io.platz.audit.AuditVerticle;
import io.platz.auth.AuthVerticle;
import io.platz.common.StartupException;
import io.platz.common.config.PlatzConfig;
import io.platz.deployments.DeploymentsVerticle;
import io.platz.permissions.PermissionsVerticle;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.EmbeddedDatabase;
import io.platz.persistence.Migrations;
import io.platz.persistence.ModuleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.BindException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of a Platz process, used by {@code Main} and by the tests alike: database (embedded or external),
 * migrations, then the verticles in dependency order, the HTTP verticle last so that no request arrives before
 * the consumers it needs exist. {@link #stop()} undoes it in reverse.
 */
public final class Platform {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  private final PlatzConfig config;
  private final EmbeddedDatabase embedded;
  private final DatabaseSettings database;
  private final Vertx vertx;
  private String apiDeployment;

  private Platform(PlatzConfig config, EmbeddedDatabase embedded, DatabaseSettings database, Vertx vertx) {
    this.config = config;
    this.embedded = embedded;
    this.database = database;
    this.vertx = vertx;
  }

  /** Blocking: call it from a plain thread, never an event loop. */
  public static Platform start(PlatzConfig config) {
    EmbeddedDatabase embedded = config.embeddedDatabase() ? EmbeddedDatabase.start(config.dataDir()) : null;
    DatabaseSettings database = embedded != null ? embedded.settings() : DatabaseSettings.fromUrl(config.databaseUrl().get());
    Vertx vertx = null;
    try {
      Migrations.Result migrated = Migrations.migrate(database);
      LOG.info("database {} is at schema version {} ({} migrations applied now)",
          database.describe(), migrated.schemaVersion(), migrated.applied());
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = Vertx.builder()
          .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
          .withMetrics(new MicrometerMetricsFactory(metrics))
          .build();
      Platform platform = new Platform(config, embedded, database, vertx);
      platform.deploy(new ModuleContext(config, database, migrated.schemaVersion()), metrics)
          .await(60, TimeUnit.SECONDS);
      return platform;
    } catch (Exception e) {
      closeQuietly(vertx);
      if (embedded != null) {
        embedded.close();
      }
      throw asStartupFailure(e, config);
    }
  }

  private Future<Void> deploy(ModuleContext context, PrometheusMeterRegistry metrics) {
    DeploymentOptions one = new DeploymentOptions();
    return vertx.deployVerticle(() -> new AuditVerticle(context), one)
        .compose(id -> vertx.deployVerticle(() -> new AuthVerticle(context), one))
        .compose(id -> vertx.deployVerticle(() -> new PermissionsVerticle(context), one))
        .compose(id -> vertx.deployVerticle(() -> new DeploymentsVerticle(context), one))
        .compose(id -> vertx.deployVerticle(() -> new ApiVerticle(config, metrics),
            new DeploymentOptions().setInstances(config.effectiveHttpInstances())))
        .onSuccess(id -> apiDeployment = id)
        .mapEmpty();
  }

  /**
   * Blocking. The HTTP verticle goes first and drains in-flight requests; then the other verticles, the pool,
   * and the embedded database (a fast shutdown: everything committed is already on disk).
   */
  public void stop() {
    try {
      if (apiDeployment != null) {
        vertx.undeploy(apiDeployment).await(config.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      LOG.warn("HTTP did not drain cleanly: {}", e.toString());
    }
    closeQuietly(vertx);
    if (embedded != null) {
      embedded.close();
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public PlatzConfig config() {
    return config;
  }

  public DatabaseSettings database() {
    return database;
  }

  private static void closeQuietly(Vertx vertx) {
    if (vertx == null) {
      return;
    }
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  private static StartupException asStartupFailure(Exception e, PlatzConfig config) {
    if (e instanceof StartupException startup) {
      return startup;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return new StartupException("cannot listen on " + config.httpHost() + ":" + config.httpPort()
            + ": " + t.getMessage() + " (is another server using the port? set PLATZ_HTTP_PORT)");
      }
    }
    return new StartupException("start-up failed: " + e, e);
  }
}
