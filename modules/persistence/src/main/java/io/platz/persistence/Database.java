package io.platz.persistence;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL pool of the process, shared by name between every verticle that asks for it; and the one
 * connection of its own that the audit pump keeps beside it.
 */
public final class Database {

  public static final String POOL_NAME = "platz";

  private Database() {
  }

  /**
   * A handle on the shared pool. Each verticle takes its own and closes it in {@code stop()}; the connections
   * close with the last handle.
   */
  public static Pool pool(Vertx vertx, DatabaseSettings settings, int maxSize) {
    return build(vertx, settings.connectOptions(), options(maxSize)
        .setShared(true)
        .setName(POOL_NAME)
        // a shared pool otherwise puts every connection on the event loop of whichever verticle created it first
        .setEventLoopSize(Runtime.getRuntime().availableProcessors()));
  }

  /**
   * One connection of its own, outside the shared pool, for background work that must not wait behind requests
   * for a connection (the audit pump, whose delay is every consumer's delay). It reconnects like the pool does.
   *
   * <p>Its session is named after {@code purpose} and this process ({@code application_name}, as
   * {@code pg_stat_activity} shows it), and the server ends it once it has waited {@code idleLimit} for this process
   * to send anything (PostgreSQL 14's {@code idle_session_timeout}): the user must use it more often than that. A
   * session whose process died with its host, or hangs, would otherwise keep what it holds (an advisory lock) until
   * TCP keepalive notices, two hours by default, or in a hang never.
   */
  public static Pool dedicated(Vertx vertx, DatabaseSettings settings, String purpose, Duration idleLimit) {
    PgConnectOptions connect = settings.connectOptions()
        .addProperty("application_name", purpose + ", pid " + ProcessHandle.current().pid())
        .addProperty("idle_session_timeout", Long.toString(idleLimit.toMillis()));
    return build(vertx, connect, options(1));
  }

  private static PoolOptions options(int maxSize) {
    return new PoolOptions()
        .setMaxSize(maxSize)
        // bounded waiting: under an outage requests fail promptly with 503 instead of piling up
        .setMaxWaitQueueSize(4096)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS);
  }

  private static Pool build(Vertx vertx, PgConnectOptions connect, PoolOptions options) {
    NetClientOptions network = new NetClientOptions()
        // fail fast when the server is down: requests get a prompt 503 instead of hanging
        .setConnectTimeout(5_000)
        .setTcpKeepAlive(true);
    return PgBuilder.pool().with(options).with(network).connectingTo(connect).using(vertx).build();
  }
}
