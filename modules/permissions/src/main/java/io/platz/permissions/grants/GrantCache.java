package io.platz.permissions.grants;

import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import io.platz.common.permissions.Scope.EnvKind;
import io.platz.persistence.Listener;
import io.platz.persistence.Notifications;
import io.platz.persistence.Tx;
import io.platz.persistence.cache.RevocableCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The grants of each subject, read once and kept until a grant of that subject changes. A change evicts it here
 * before its answer is sent, and in other processes through NOTIFY on {@code platz_grants} (which the database
 * itself also sends when a deleted bot loses its grants). So a grant or a removal is in force for the very next
 * request.
 */
public final class GrantCache {

  static final String CHANNEL = "platz_grants";
  private static final String EVERYONE = "*";
  private static final String ENV_ROLES = "SELECT env_id, role FROM env_user_permissions WHERE user_id = $1 OR bot_id = $1";
  private static final String KIND_ROLES =
      "SELECT env_id, kind_id, role FROM deployment_permissions WHERE user_id = $1 OR bot_id = $1";

  private final RevocableCache<UUID, GrantSet> cache;

  /** Each subject's grants are read from the database again at least every {@code maximumAge}. */
  public GrantCache(int maximumSize, Duration maximumAge) {
    this.cache = new RevocableCache<>(maximumSize, maximumAge);
  }

  public Future<GrantSet> grantsOf(Pool pool, UUID subject) {
    Tuple id = Tuple.of(subject);
    return cache.getOrLoad(subject, () -> Future.all(pool.preparedQuery(ENV_ROLES).execute(id),
            pool.preparedQuery(KIND_ROLES).execute(id))
        .map(both -> {
          Map<UUID, EnvRole> envRoles = new HashMap<>();
          for (Row row : both.<RowSet<Row>>resultAt(0)) {
            envRoles.put(row.getUUID("env_id"), EnvRole.fromJson(row.getString("role")));
          }
          Map<EnvKind, DeploymentRole> kindRoles = new HashMap<>();
          for (Row row : both.<RowSet<Row>>resultAt(1)) {
            kindRoles.put(new EnvKind(row.getUUID("env_id"), row.getUUID("kind_id")), DeploymentRole.fromJson(row.getString("role")));
          }
          return new GrantSet(Map.copyOf(envRoles), Map.copyOf(kindRoles));
        }));
  }

  /** The subject's grants changed in this transaction. */
  public Future<Void> changed(Tx tx, UUID subject) {
    cache.evictAfterCommit(tx, List.of(subject));
    return Notifications.send(tx.sql(), CHANNEL, List.of(subject.toString()));
  }

  /** Grants of many subjects changed in this transaction (an env or a kind was retired). */
  public Future<Void> changedForEveryone(Tx tx) {
    cache.evictAllAfterCommit(tx);
    return Notifications.send(tx.sql(), CHANNEL, List.of(EVERYONE));
  }

  public Listener listen(Vertx vertx, Notifications notifications) {
    return notifications.listener(vertx, CHANNEL, this::apply, cache::listening, cache::deaf);
  }

  private void apply(String payload) {
    if (EVERYONE.equals(payload)) {
      cache.evictAll();
    } else {
      cache.evict(List.of(UUID.fromString(payload)));
    }
  }
}
