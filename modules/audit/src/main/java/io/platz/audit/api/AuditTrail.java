package io.platz.audit.api;

import io.platz.common.bus.Addresses;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;

/**
 * Appends audit events inside the transaction of the change they describe: both commit, or neither does. This
 * is the one piece of the audit module other modules call directly, because a transaction cannot cross the
 * event bus. After commit it wakes the audit verticle, which numbers, chains and publishes the new events.
 */
public final class AuditTrail {

  private static final String INSERT = """
      INSERT INTO audit_events (type, actor_type, actor_id, token_id, env_id, subject_type, subject_id, data)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final Object WAKE_PUBLISHER = new Object();

  private final Vertx vertx;

  public AuditTrail(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> record(Tx tx, AuditEvent event) {
    tx.afterCommitOnce(WAKE_PUBLISHER, () -> {
      vertx.eventBus().publish(Addresses.Audit.APPENDED, null);
      return Future.succeededFuture();
    });
    Actor actor = event.actor();
    return tx.sql().preparedQuery(INSERT)
        .execute(Tuple.of(event.type(), actor.type(), actor.id(), actor.tokenId(), event.envId(),
            event.subjectType(), event.subjectId(), event.data()))
        .mapEmpty();
  }
}
