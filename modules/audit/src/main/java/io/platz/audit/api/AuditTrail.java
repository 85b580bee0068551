package io.platz.audit.api;

import io.platz.common.bus.Addresses;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;

/**
 * Appends audit events inside the transaction of the change they describe: both commit, or neither does. This
 * is the one piece of the audit module other modules call directly, because a transaction cannot cross the
 * event bus. After commit it wakes the audit verticle, which numbers, chains and publishes the new events.
 */
public final class AuditTrail {

  private static final String COLUMNS = "type, actor_type, actor_id, token_id, env_id, subject_type, subject_id, data";
  private static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final Object WAKE_PUBLISHER = new Object();

  private final Vertx vertx;

  public AuditTrail(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> record(Tx tx, AuditEvent event) {
    tx.afterCommitOnce(WAKE_PUBLISHER, () -> {
      wake();
      return Future.succeededFuture();
    });
    Actor actor = event.actor();
    return tx.sql().preparedQuery(INSERT)
        .execute(Tuple.of(event.type(), actor.type(), actor.id(), actor.tokenId(), event.envId(),
            event.subjectType(), event.subjectId(), event.data()))
        .mapEmpty();
  }

  /**
   * Makes a change and records its event in one statement: a statement is a transaction of its own, so both
   * commit or neither does, at the cost of one round trip instead of four (BEGIN, change, event, COMMIT).
   * {@code change} is an INSERT, UPDATE or DELETE ... RETURNING with {@code changeArgs}; the event's own
   * parameters follow them. Every row it returns gets {@code event}, and none returned means no event.
   * Completes with the returned rows once the audit verticle has been woken.
   */
  public Future<RowSet<Row>> change(SqlClient sql, String change, RowEvent event, Object... changeArgs) {
    Tuple args = Tuple.from(changeArgs);
    int n = args.size();
    String statement = """
        WITH changed AS (%s),
        event AS (INSERT INTO audit_events (%s)
                  SELECT $%d::text, $%d::text, $%d::uuid, $%d::uuid, %s, $%d::text, %s, $%d::jsonb FROM changed)
        SELECT * FROM changed"""
        .formatted(change, COLUMNS, n + 1, n + 2, n + 3, n + 4, event.envId(), n + 5, event.subjectId(), n + 6);
    Actor actor = event.actor();
    args.addValue(event.type()).addValue(actor.type()).addValue(actor.id()).addValue(actor.tokenId())
        .addValue(event.subjectType()).addValue(event.data());
    return sql.preparedQuery(statement).execute(args)
        .map(rows -> {
          if (rows.size() > 0) {
            wake();
          }
          return rows;
        });
  }

  private void wake() {
    vertx.eventBus().publish(Addresses.Audit.APPENDED, null);
  }

  /**
   * An event about each row a statement changes: as {@link AuditEvent}, but its env and subject ids are SQL over
   * that row's columns (such as {@code "env_id"} and {@code "id"}), written by the caller, never taken from a request.
   */
  public record RowEvent(String type, Actor actor, String envId, String subjectType, String subjectId, JsonObject data) {

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

    /** They go into the statement's text, so they must be plain column names. */
    public RowEvent {
      if (!COLUMN.matcher(envId).matches() || !COLUMN.matcher(subjectId).matches()) {
        throw new IllegalArgumentException("envId and subjectId name columns of the changed row");
      }
    }
  }
}
