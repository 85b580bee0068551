package io.platz.persistence;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** The one PostgreSQL pool of the process, shared by name between every verticle that asks for it. */
public final class Database {

  public static final String POOL_NAME = "platz";

  private Database() {
  }

  /**
   * A handle on the shared pool. Each verticle takes its own and closes it in {@code stop()}; the connections
   * close with the last handle.
   */
  public static Pool pool(Vertx vertx, DatabaseSettings settings, int maxSize) {
    PoolOptions options = new PoolOptions()
        .setShared(true)
        .setName(POOL_NAME)
        .setMaxSize(maxSize)
        // a shared pool otherwise puts every connection on the event loop of whichever verticle created it first
        .setEventLoopSize(Runtime.getRuntime().availableProcessors())
        // bounded waiting: under an outage requests fail promptly with 503 instead of piling up
        .setMaxWaitQueueSize(4096)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS);
    NetClientOptions network = new NetClientOptions()
        // fail fast when the server is down: requests get a prompt 503 instead of hanging
        .setConnectTimeout(5_000)
        .setTcpKeepAlive(true);
    return PgBuilder.pool().with(options).connectingTo(settings.connectOptions()).using(vertx).build();
  }
}
