package io.platz.deployments.deployments;

import io.platz.common.bus.Command;
import io.platz.common.deployments.DeploymentsRequests.DeploymentPlace;
import io.platz.persistence.Listener;
import io.platz.persistence.Notifications;
import io.platz.persistence.Tx;
import io.platz.persistence.cache.RevocableCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the module reads most and what changes least, kept until any deployment changes: encoded pages of the
 * deployments list, and where each live deployment is (the permissions module asks that for every task created).
 * Chart back-ends and dashboards poll the list far more often than deployments change, and a page of 50 costs a
 * query, 50 rows decoded and 15 KB of JSON encoded, where a hit costs a lookup. A page's key holds the caller's
 * scope, which the permissions module decides afresh for every request: what is cached is rows, never who may
 * see them.
 *
 * <p>A change made through this process drops everything before its answer is sent, so its caller reads its own
 * write. A change made anywhere else (another process on the same database, SQL by hand) arrives through the
 * {@code platz_deployments} NOTIFY that the table's trigger sends on commit, milliseconds later. Notifications
 * sent while the listener is disconnected are lost, so losing it drops everything and keeps nothing until it listens
 * again.
 */
public final class DeploymentReads {

  static final String CHANNEL = "platz_deployments";
  private static final long MAXIMUM_PAGE_BYTES = 32L << 20;
  private static final int MAXIMUM_LOCATIONS = 100_000;

  private final RevocableCache<String, Buffer> pages =
      RevocableCache.weighed(MAXIMUM_PAGE_BYTES, (key, page) -> key.length() + page.length());
  private final RevocableCache<UUID, DeploymentPlace> locations = new RevocableCache<>(MAXIMUM_LOCATIONS);

  /** The page the command asks for, from the cache or else from {@code query}, whose answer is then kept. */
  public Future<Buffer> page(Command command, Supplier<Future<JsonObject>> query) {
    return pages.getOrLoad(command.scope().toJson().encode() + command.params().encode(),
        () -> query.get().map(JsonObject::toBuffer));
  }

  /** Where the deployment is, from the cache or else from {@code query}; a failure (404) is not kept. */
  public Future<DeploymentPlace> location(UUID id, Supplier<Future<DeploymentPlace>> query) {
    return locations.getOrLoad(id, query);
  }

  /** Some deployment changed: nothing read before now may be answered again. */
  public void changed() {
    pages.evictAll();
    locations.evictAll();
  }

  /** Some deployment changes in {@code tx}: once it commits, before its caller answers, as {@link #changed()}. */
  public void changedAfterCommit(Tx tx) {
    pages.evictAllAfterCommit(tx);
    locations.evictAllAfterCommit(tx);
  }

  public Listener listen(Vertx vertx, Notifications notifications) {
    return notifications.listener(vertx, CHANNEL, payload -> changed(), () -> {
      pages.listening();
      locations.listening();
    }, () -> {
      pages.deaf();
      locations.deaf();
    });
  }
}
