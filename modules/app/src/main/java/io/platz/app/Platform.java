package io.platz.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platz.api.ApiVerticle;
import io.platz.api.AuditEventStream;
import io.platz.api.FailedAuthentications;
import io.platz.api.OpenStreams;
import io.platz.audit.AuditVerticle;
import io.platz.auth.AuthModule;
import io.platz.common.StartupException;
import io.platz.common.bus.ModuleBus;
import io.platz.common.config.ClusterConfig;
import io.platz.common.config.PlatzConfig;
import io.platz.console.Console;
import io.platz.deployments.DeploymentsModule;
import io.platz.permissions.PermissionsModule;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.Notifications;
import io.platz.persistence.ServerKeys;
import io.platz.persistence.cluster.ClusterBarrier;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.BindException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of a Platz process, used by {@code Main} and by the tests alike: database (embedded or external),
 * migrations, then the verticles in dependency order, the HTTP verticle last so that no request arrives before
 * the consumers it needs exist. {@link #stop()} undoes it in reverse.
 */
public final class Platform {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  /** Hazelcast gives up on unreachable members by itself; this only bounds a start that hangs. */
  private static final long CLUSTER_JOIN_SECONDS = 120;

  private final PlatzConfig config;
  private final MigratedDatabase database;
  private final Vertx vertx;
  private final Deque<String> deployments = new ArrayDeque<>();

  private Platform(PlatzConfig config, MigratedDatabase database, Vertx vertx) {
    this.config = config;
    this.database = database;
    this.vertx = vertx;
  }

  /** Blocking: call it from a plain thread, never an event loop. */
  public static Platform start(PlatzConfig config) {
    return start(config, vertx -> { });
  }

  /**
   * As {@link #start(PlatzConfig)}, calling {@code beforeDeploy} with the Vert.x instance before any verticle is
   * deployed: where a consumer in this process subscribes to {@code platz.audit.events}, so that it also receives
   * what the audit verticle publishes as soon as it starts (events a previous process committed but did not
   * publish).
   */
  public static Platform start(PlatzConfig config, Consumer<Vertx> beforeDeploy) {
    MigratedDatabase database = MigratedDatabase.open(config);
    Vertx vertx = null;
    try {
      LOG.info("database {} is at schema version {} ({} migrations applied now)", database.settings().describe(),
          database.migrations().schemaVersion(), database.migrations().applied());
      ServerKeys keys = ServerKeys.load(config.dataDir(), config.serverKey().orElse(null));
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = vertx(config, metrics);
      ModuleBus.install(vertx);
      beforeDeploy.accept(vertx);
      Platform platform = new Platform(config, database, vertx);
      platform.deploy(new ModuleContext(config, database.settings(), database.migrations().schemaVersion(), keys, metrics,
              new Notifications(database.settings().connectOptions())), metrics)
          .await(60, TimeUnit.SECONDS);
      return platform;
    } catch (Exception e) {
      closeQuietly(vertx);
      database.close();
      throw asStartupFailure(e, config);
    }
  }

  /** Clustered when the configuration names a cluster, and then only once it has joined. */
  private static Vertx vertx(PlatzConfig config, PrometheusMeterRegistry metrics) throws TimeoutException {
    VertxOptions options = new VertxOptions()
        // as many event loops as instances of each hot verticle: deploying N instances takes the next N loops in
        // turn, so every loop then hosts one of each, and a request finds its consumer on its own loop (ModuleBus)
        .setEventLoopPoolSize(config.effectiveHttpInstances())
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
            // several meters per bus message would cost the hot path more than they tell: HTTP figures cover it
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS));
    if (config.cluster().isEmpty()) {
      return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics)).build();
    }
    ClusterConfig cluster = config.cluster().get();
    Vertx vertx = Vertx.builder().with(options.setEventBusOptions(Cluster.eventBus(cluster)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .withClusterManager(Cluster.manager(cluster))
        .buildClustered()
        .await(CLUSTER_JOIN_SECONDS, TimeUnit.SECONDS);
    LOG.info("joined cluster {} as {} with {} members", cluster.name(), cluster.host(),
        ((VertxInternal) vertx).clusterManager().getNodes().size());
    return vertx;
  }

  private Future<Void> deploy(ModuleContext context, PrometheusMeterRegistry metrics) {
    // the pump's delay is every consumer's: as a worker verticle it runs on the worker pool and does not wait its
    // turn behind the HTTP requests queued on a shared event loop
    DeploymentOptions offTheEventLoops = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
    int perCore = config.effectiveHttpInstances();
    FailedAuthentications failures = new FailedAuthentications(config.authFailuresPerMinute());
    Console console = new Console(vertx, config.console(), config.oidc(), context.keys().signInFormKey(), failures);
    OpenStreams auditStreams = new OpenStreams(AuditEventStream.PER_CREDENTIAL);
    // first on a cluster: every write transaction, from the first admin's on, waits for its barrier
    Future<Void> barrier = vertx.isClustered()
        ? vertx.deployVerticle(() -> new ClusterBarrier(context), new DeploymentOptions()).onSuccess(deployments::push).mapEmpty()
        : Future.succeededFuture();
    return barrier.compose(none -> vertx.deployVerticle(() -> new AuditVerticle(context), offTheEventLoops)).onSuccess(deployments::push)
        .compose(id -> AuthModule.deploy(vertx, context, perCore)).onSuccess(ids -> ids.forEach(deployments::push))
        .compose(id -> PermissionsModule.deploy(vertx, context, perCore)).onSuccess(ids -> ids.forEach(deployments::push))
        .compose(id -> DeploymentsModule.deploy(vertx, context, perCore)).onSuccess(ids -> ids.forEach(deployments::push))
        .compose(id -> vertx.deployVerticle(() -> new ApiVerticle(config, metrics, List.of(console), failures, auditStreams),
            new DeploymentOptions().setInstances(perCore)))
        .onSuccess(deployments::push)
        .mapEmpty();
  }

  /**
   * Blocking. Undeploys in reverse order of deployment: the HTTP verticle first, draining in-flight requests;
   * then each module, whose last writes still find the pool open; then Vert.x, and the embedded database (a fast
   * shutdown: everything committed is already on disk).
   */
  public void stop() {
    long timeout = config.shutdownTimeout().toMillis() + 5_000;
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      try {
        vertx.undeploy(id).await(timeout, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("a verticle did not stop cleanly: {}", e.toString());
      }
    }
    closeQuietly(vertx);
    database.close();
  }

  public Vertx vertx() {
    return vertx;
  }

  public PlatzConfig config() {
    return config;
  }

  public DatabaseSettings database() {
    return database.settings();
  }

  static void closeQuietly(Vertx vertx) {
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
