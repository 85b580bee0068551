package io.platz.permissions.envs;

import io.platz.common.permissions.DeploymentRole;
import io.platz.persistence.Listener;
import io.platz.persistence.Notifications;
import io.platz.persistence.Tx;
import io.platz.persistence.cache.RevocableCache;
import io.platz.persistence.sql.Rows;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The role each action of a kind needs, read once and kept until the kind's actions change: every InvokeAction
 * decision asks for it. A change evicts the kind here before its answer is sent, and in other processes through
 * the NOTIFY on {@code platz_kinds} that the table's trigger sends (V9). So a changed role is in force for the very
 * next request here, and milliseconds after the commit elsewhere.
 */
public final class KindCache {

  static final String CHANNEL = "platz_kinds";

  private final RevocableCache<UUID, Map<String, DeploymentRole>> cache;

  /** Each kind's roles are read from the database again at least every {@code maximumAge}. */
  public KindCache(int maximumSize, Duration maximumAge) {
    this.cache = new RevocableCache<>(maximumSize, maximumAge);
  }

  /** The role an action of a kind needs; empty if the kind has no such action. */
  public Future<Optional<DeploymentRole>> roleOf(Pool pool, UUID kind, String actionId) {
    return rolesOf(pool, kind).map(roles -> Optional.ofNullable(roles.get(actionId)));
  }

  /**
   * The kind (its actions, perhaps) changed in this transaction: dropped here before the answer. Other processes
   * hear of it from the table's trigger, which also covers changes made by SQL by hand.
   */
  public void changed(Tx tx, UUID kind) {
    cache.evictAfterCommit(tx, List.of(kind));
  }

  public Listener listen(Vertx vertx, Notifications notifications) {
    return notifications.listener(vertx, CHANNEL, kind -> cache.evict(List.of(UUID.fromString(kind))),
        cache::listening, cache::deaf);
  }

  private Future<Map<String, DeploymentRole>> rolesOf(Pool pool, UUID kind) {
    return cache.getOrLoad(kind, () -> pool.preparedQuery("SELECT actions FROM deployment_kinds WHERE id = $1")
        .execute(Tuple.of(kind))
        .map(rows -> {
          JsonArray actions = (JsonArray) Rows.one(rows, "deployment kind").getValue("actions");
          return actions.stream().map(action -> (JsonObject) action)
              .collect(Collectors.toUnmodifiableMap(action -> action.getString("id"),
                  action -> DeploymentRole.fromJson(action.getString("allowed_role")), (first, second) -> first));
        }));
  }
}
