package io.platz.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A database transaction and what must happen once it has committed (evicting caches, waking the audit
 * publisher). Those actions run in order before the caller's future completes, so an HTTP answer is only sent
 * once they are done; they never run for a transaction that rolled back.
 */
public final class Tx {

  private final SqlConnection connection;
  private final Map<Object, Supplier<Future<?>>> afterCommit = new LinkedHashMap<>();

  private Tx(SqlConnection connection) {
    this.connection = connection;
  }

  public static <T> Future<T> run(Pool pool, Function<Tx, Future<T>> work) {
    Map<Object, Supplier<Future<?>>> actions = new LinkedHashMap<>();
    return pool.<T>withTransaction(connection -> {
      Tx tx = new Tx(connection);
      return work.apply(tx).onSuccess(result -> actions.putAll(tx.afterCommit));
    }).compose(result -> runInOrder(actions).map(result));
  }

  public SqlConnection sql() {
    return connection;
  }

  public void afterCommit(Supplier<Future<?>> action) {
    afterCommit.put(new Object(), action);
  }

  /** Registers the action once per key: for "wake X" actions that one call suffices for, however many changes. */
  public void afterCommitOnce(Object key, Supplier<Future<?>> action) {
    afterCommit.putIfAbsent(key, action);
  }

  private static Future<Void> runInOrder(Map<Object, Supplier<Future<?>>> actions) {
    Future<?> chain = Future.succeededFuture();
    for (Supplier<Future<?>> action : actions.values()) {
      chain = chain.compose(done -> action.get());
    }
    return chain.mapEmpty();
  }
}
