package io.platz.persistence;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL LISTEN/NOTIFY, for telling every process on the database that a cached thing changed. A
 * notification sent inside a transaction is delivered when (and only if) it commits. One per process: it knows the
 * process's {@link Listener}s, for {@link #barrier}.
 */
public final class Notifications {

  static final String BARRIER_CHANNEL = "platz_barrier";

  private final PgConnectOptions database;
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

  public Notifications(PgConnectOptions database) {
    this.database = database;
  }

  /** A listener for {@code channel}; connect it, and close it when done. See {@link Listener} for the callbacks. */
  public Listener listener(Vertx vertx, String channel, Handler<String> onMessage, Runnable onListening, Runnable onLost) {
    return new Listener(vertx, database, channel, onMessage, onListening, onLost, this);
  }

  /**
   * Completes once every listener of this process has received a notification sent now, and so, because PostgreSQL
   * delivers notifications to a listener in the order their transactions committed, every notification of every
   * transaction committed before this call: their evictions have then been applied here. A listener that is not
   * listening counts as done, since its caches keep nothing meanwhile.
   */
  public Future<Void> barrier(Pool pool) {
    String token = UUID.randomUUID().toString();
    List<Future<Void>> arrivals = listeners.stream().map(listener -> listener.awaitBarrier(token)).toList();
    return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(BARRIER_CHANNEL, token))
        .onFailure(failed -> listeners.forEach(listener -> listener.release(token)))
        .compose(sent -> Future.all(arrivals))
        .mapEmpty();
  }

  public static Future<Void> send(SqlConnection connection, String channel, List<String> payloads) {
    return connection.preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
        .execute(Tuple.tuple().addString(channel).addArrayOfString(payloads.toArray(String[]::new)))
        .mapEmpty();
  }

  void register(Listener listener) {
    listeners.add(listener);
  }

  void unregister(Listener listener) {
    listeners.remove(listener);
  }
}
