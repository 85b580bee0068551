package io.platz.deployments.deployments;

import io.platz.common.bus.Command;
import io.platz.persistence.Notifications;
import io.platz.persistence.cache.RevocableCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.function.Supplier;

/**
 * Pages of the deployments list, encoded, kept until any deployment changes. Chart back-ends and dashboards poll
 * this list far more often than deployments change, and a page of 50 costs a query, 50 rows decoded and 15 KB of
 * JSON encoded, where a hit costs a lookup. The key holds the caller's scope, which the permissions module
 * decides afresh for every request: what is cached is rows, never who may see them.
 *
 * <p>A change made through this process drops every page before its answer is sent, so its caller reads its own
 * write. A change made anywhere else (another process on the same database, SQL by hand) arrives through the
 * {@code platz_deployments} NOTIFY that the table's trigger sends on commit, milliseconds later. Notifications
 * sent while the listener is disconnected are lost, so every (re)connection drops everything.
 */
public final class DeploymentPages {

  static final String CHANNEL = "platz_deployments";
  private static final long MAXIMUM_BYTES = 32L << 20;

  private final RevocableCache<String, Buffer> pages =
      RevocableCache.weighed(MAXIMUM_BYTES, (key, page) -> key.length() + page.length());

  /** The page the command asks for, from the cache or else from {@code query}, whose answer is then kept. */
  public Future<Buffer> page(Command command, Supplier<Future<JsonObject>> query) {
    String key = command.scope().toJson().encode() + command.params().encode();
    Buffer cached = pages.get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long generation = pages.generation();
    return query.get().map(page -> {
      Buffer encoded = page.toBuffer();
      pages.put(key, encoded, generation);
      return encoded;
    });
  }

  /** Some deployment changed: no page read before now may be answered again. */
  public void changed() {
    pages.evictAll();
  }

  public PgSubscriber listen(Vertx vertx, PgConnectOptions database) {
    return Notifications.listener(vertx, database, CHANNEL, payload -> changed(), this::changed);
  }
}
