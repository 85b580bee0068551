package io.platz.persistence;

import io.platz.common.bus.ModuleBus;
import io.platz.persistence.cluster.AwaitEvictions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
 *
 * <p>On a cluster, the caller's future also waits for every instance to have applied the evictions the commit
 * notified ({@code ClusterBarrier}). Every committed transaction does, not only those that evict by name: database
 * triggers send notifications too (a deleted bot's grants, a deleted deployment's credentials, any change of a
 * kind or a deployment), and a barrier after each write cannot miss one. Unclustered, nothing is waited for.
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
    }).compose(result -> runInOrder(actions).compose(done -> clusterBarrier()).map(result));
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

  /**
   * Never fails: the change is committed whatever happens here, and the barrier itself answers after a bounded wait
   * (members that do not answer are logged and counted there).
   */
  private static Future<Void> clusterBarrier() {
    Context context = Vertx.currentContext();
    if (context == null || !context.owner().isClustered()) {
      return Future.succeededFuture();
    }
    return new ModuleBus(context.owner().eventBus()).ask(new AwaitEvictions()).otherwiseEmpty();
  }

  private static Future<Void> runInOrder(Map<Object, Supplier<Future<?>>> actions) {
    Future<?> chain = Future.succeededFuture();
    for (Supplier<Future<?>> action : actions.values()) {
      chain = chain.compose(done -> action.get());
    }
    return chain.mapEmpty();
  }
}
