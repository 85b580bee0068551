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
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Appends audit events inside the transaction of the change they describe: both commit, or neither does. This
 * is the one piece of the audit module other modules call directly, because a transaction cannot cross the
 * event bus. After commit it wakes the audit verticle, which numbers, chains and publishes the new events.
 */
public final class AuditTrail {

  /**
   * The most an event's {@code data} may weigh, as JSON. Every change keeps its event under it (a config or a
   * description is recorded by digest, a kind's actions by their roles, a cancel's reason cut short), so that a page
   * of events, or a batch of the pump, is bounded in bytes as well as in events. Going over it is a bug.
   */
  public static final int MAX_DATA_BYTES = 31 * 1024;
  /** The most a whole event weighs as JSON: its data, and 1 KiB for ids, type, times and hash. */
  public static final int MAX_EVENT_BYTES = MAX_DATA_BYTES + 1024;

  private static final String COLUMNS = "type, actor_type, actor_id, token_id, env_id, subject_type, subject_id, data";
  private static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final Object WAKE_PUBLISHER = new Object();

  private final Vertx vertx;

  public AuditTrail(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> record(Tx tx, AuditEvent event) {
    if (event.data().toBuffer().length() > MAX_DATA_BYTES) {
      return Future.failedFuture(new IllegalStateException("the data of a " + event.type() + " event is over "
          + MAX_DATA_BYTES + " bytes"));
    }
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
   * Makes a change and records an event about each row it changes, in one statement: a statement is a transaction
   * of its own, so all commit or none does, at the cost of one round trip instead of four (BEGIN, change, event,
   * COMMIT) per change. {@code change} is an INSERT, UPDATE or DELETE ... RETURNING with {@code changeArgs}; it may
   * change rows for several callers at once, so each row's event is the one in {@code about} with that row's
   * subject id, with its own actor and data. A row without one gets no event, so {@code about} must cover every
   * row the change can return. Completes with the returned rows once the audit verticle has been woken.
   */
  public Future<RowSet<Row>> change(SqlClient sql, String change, RowEvents events, List<About> about, Object... changeArgs) {
    Tuple args = Tuple.from(changeArgs);
    int n = args.size();
    String statement = """
        WITH changed AS (%s),
        about AS (SELECT * FROM unnest($%d::uuid[], $%d::text[], $%d::uuid[], $%d::uuid[], $%d::jsonb[])
                  AS a(subject_id, actor_type, actor_id, token_id, data)),
        event AS (INSERT INTO audit_events (%s)
                  SELECT $%d::text, a.actor_type, a.actor_id, a.token_id, c.%s, $%d::text, c.%s, a.data
                  FROM changed c JOIN about a ON a.subject_id = c.%s)
        SELECT * FROM changed"""
        .formatted(change, n + 1, n + 2, n + 3, n + 4, n + 5, COLUMNS, n + 6, events.envColumn(), n + 7,
            events.subjectColumn(), events.subjectColumn());
    args.addArrayOfUUID(about.stream().map(About::subjectId).toArray(UUID[]::new))
        .addArrayOfString(about.stream().map(a -> a.actor().type()).toArray(String[]::new))
        .addArrayOfUUID(about.stream().map(a -> a.actor().id()).toArray(UUID[]::new))
        .addArrayOfUUID(about.stream().map(a -> a.actor().tokenId()).toArray(UUID[]::new))
        .addArrayOfJsonObject(about.stream().map(About::data).toArray(JsonObject[]::new))
        .addValue(events.type()).addValue(events.subjectType());
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
   * The events about the rows a statement changes: their type and subject type, and which columns of the changed
   * row hold the event's env and subject ids (such as {@code "env_id"} and {@code "id"}), written by the caller,
   * never taken from a request.
   */
  public record RowEvents(String type, String envColumn, String subjectType, String subjectColumn) {

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

    /** They go into the statement's text, so they must be plain column names. */
    public RowEvents {
      if (!COLUMN.matcher(envColumn).matches() || !COLUMN.matcher(subjectColumn).matches()) {
        throw new IllegalArgumentException("envColumn and subjectColumn name columns of the changed row");
      }
    }
  }

  /** The event about one changed row, known by its subject id: who acted, and what the event says. */
  public record About(UUID subjectId, Actor actor, JsonObject data) {
  }
}
