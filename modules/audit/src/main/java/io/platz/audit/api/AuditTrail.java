package io.platz.audit.api;

import io.platz.audit.chain.EventMac;
import io.platz.persistence.ServerKeys;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.NamedParameters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Appends audit events inside the transaction of the change they describe: both commit, or neither does. This
 * is the one piece of the audit module other modules call directly, because a transaction cannot cross the
 * event bus. After commit it wakes the audit verticle, which numbers, chains and publishes the new events.
 *
 * <p>Each row carries its {@link EventMac}, computed here, so that the pump can tell the rows Platz wrote from rows
 * written to the database by anyone else.
 */
public final class AuditTrail {

  /**
   * Published in this process (no body) after a transaction that recorded audit events commits: wakes the audit
   * verticle's pump. A wake-up, not a request, so a plain local address of the audit module's own.
   */
  public static final String APPENDED = "platz.audit.appended";

  /**
   * The most an event's {@code data} may weigh, as JSON. Every change keeps its event under it (a config or a
   * description is recorded by digest, a kind's actions by their roles, a cancel's reason cut short), so that a page
   * of events, or a batch of the pump, is bounded in bytes as well as in events. Going over it is a bug.
   */
  public static final int MAX_DATA_BYTES = 31 * 1024;
  /** The most a whole event weighs as JSON: its data, and 1 KiB for ids, type, times and hash. */
  public static final int MAX_EVENT_BYTES = MAX_DATA_BYTES + 1024;

  private static final String COLUMNS =
      "id, occurred_at, type, actor_type, actor_id, token_id, env_id, subject_type, subject_id, data, mac";
  private static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + ") SELECT * FROM unnest(:ids::uuid[],"
      + " :occurred_at::timestamptz[], :types::text[], :actor_types::text[], :actor_ids::uuid[], :token_ids::uuid[],"
      + " :env_ids::uuid[], :subject_types::text[], :subject_ids::uuid[], :data::jsonb[], :macs::bytea[])";
  /** Follows the change it audits, whose own parameters keep their numbers. */
  private static final String CHANGE_EVENTS = """
      about AS (SELECT * FROM unnest(:subject_ids::uuid[], :actor_types::text[], :actor_ids::uuid[], :token_ids::uuid[],
                :data::jsonb[], :ids::uuid[], :macs::bytea[]) AS a(subject_id, actor_type, actor_id, token_id, data, id, mac)),
      event AS (INSERT INTO audit_events (%s)
                SELECT a.id, :occurred_at::timestamptz, :type::text, a.actor_type, a.actor_id, a.token_id, c.%s,
                       :subject_type::text, c.%s, a.data, a.mac
                FROM changed c JOIN about a ON a.subject_id = c.%s)
      SELECT * FROM changed""";
  private static final String CONSEQUENCES = "DELETE FROM audit_consequences WHERE xact = pg_current_xact_id()::text::bigint"
      + " RETURNING type, env_id, subject_type, subject_id, data";
  /** What the permissions module's triggers leave in {@code audit_consequences} (V13); nothing else is recorded. */
  public static final Set<AuditEventType> CONSEQUENCE_TYPES = Set.of(AuditEventType.ENV_ROLE_GRANTED,
      AuditEventType.ENV_ROLE_REMOVED, AuditEventType.DEPLOYMENT_ROLE_REMOVED);
  private static final Object WAKE_PUBLISHER = new Object();

  private final Vertx vertx;
  private final EventMac macs;

  public AuditTrail(Vertx vertx, ServerKeys keys) {
    this.vertx = vertx;
    this.macs = new EventMac(keys.auditEventKey());
  }

  public Future<Void> record(Tx tx, AuditEvent event) {
    return recordAll(tx, List.of(event));
  }

  /**
   * Records what the database's triggers did in this transaction to rows of another module (a deleted bot loses
   * its grants; a new user joins the envs that add new users), as events by the system. A trigger cannot compute an
   * event's MAC, so it leaves the facts in {@code audit_consequences}; the writer of a change that fires one calls
   * this before it commits.
   */
  public Future<Void> recordConsequences(Tx tx) {
    return tx.sql().query(CONSEQUENCES).execute().compose(rows -> {
      List<AuditEvent> events = new ArrayList<>();
      for (Row row : rows) {
        Optional<AuditEventType> type = AuditEventType.fromJson(row.getString("type"))
            .filter(CONSEQUENCE_TYPES::contains)
            .filter(known -> known.subject().jsonName().equals(row.getString("subject_type")));
        if (type.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("a trigger left an unexpected audit consequence"));
        }
        events.add(AuditEvent.about(type.get(), Actor.SYSTEM, row.getUUID("subject_id")).inEnv(row.getUUID("env_id"))
            .with((JsonObject) row.getValue("data")));
      }
      return events.isEmpty() ? Future.succeededFuture() : recordAll(tx, events);
    });
  }

  private Future<Void> recordAll(Tx tx, List<AuditEvent> events) {
    for (AuditEvent event : events) {
      if (event.data().toBuffer().length() > MAX_DATA_BYTES) {
        return Future.failedFuture(new IllegalStateException("the data of a " + event.type() + " event is over "
            + MAX_DATA_BYTES + " bytes"));
      }
    }
    tx.afterCommitOnce(WAKE_PUBLISHER, () -> {
      wake();
      return Future.succeededFuture();
    });
    OffsetDateTime now = EventMac.now();
    List<UUID> ids = events.stream().map(event -> UUID.randomUUID()).toList();
    List<Buffer> sealed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      AuditEvent event = events.get(i);
      Actor actor = event.actor();
      sealed.add(Buffer.buffer(macs.of(EventMac.ENV_NAMED, ids.get(i), now, event.type().jsonName(), actor.type(),
          actor.id(), actor.tokenId(), event.envId(), event.subjectType().jsonName(), event.subjectId(), event.data())));
    }
    NamedParameters args = NamedParameters.of()
        .bind("ids", ids.toArray(UUID[]::new))
        .bind("occurred_at", events.stream().map(event -> now).toArray(OffsetDateTime[]::new))
        .bind("types", events.stream().map(event -> event.type().jsonName()).toArray(String[]::new))
        .bind("actor_types", events.stream().map(event -> event.actor().type()).toArray(String[]::new))
        .bind("actor_ids", events.stream().map(event -> event.actor().id()).toArray(UUID[]::new))
        .bind("token_ids", events.stream().map(event -> event.actor().tokenId()).toArray(UUID[]::new))
        .bind("env_ids", events.stream().map(AuditEvent::envId).toArray(UUID[]::new))
        .bind("subject_types", events.stream().map(event -> event.subjectType().jsonName()).toArray(String[]::new))
        .bind("subject_ids", events.stream().map(AuditEvent::subjectId).toArray(UUID[]::new))
        .bind("data", events.stream().map(AuditEvent::data).toArray(JsonObject[]::new))
        .bind("macs", sealed.toArray(Buffer[]::new));
    return tx.sql().preparedQuery(args.sql(INSERT)).execute(args.values()).mapEmpty();
  }

  /**
   * Makes a change and records an event about each row it changes, in one statement: a statement is a transaction
   * of its own, so all commit or none does, at the cost of one round trip instead of four (BEGIN, change, event,
   * COMMIT) per change. {@code change} is an INSERT, UPDATE or DELETE ... RETURNING with its parameters bound by name in
   * {@code changeArgs} (the events' own names follow them, and a name bound twice fails at once); it may
   * change rows for several callers at once, so each row's event is the one in {@code about} with that row's
   * subject id, with its own actor and data. A row without one gets no event, so {@code about} must cover every
   * row the change can return. The env is the changed row's, which the writer does not know beforehand, so these
   * events' MACs do not cover it ({@link EventMac#ENV_OF_CHANGED_ROW}). Completes with the returned rows once the
   * audit verticle has been woken.
   */
  public Future<RowSet<Row>> change(SqlClient sql, String change, NamedParameters changeArgs, RowEvents events, List<About> about) {
    OffsetDateTime now = EventMac.now();
    List<UUID> ids = about.stream().map(a -> UUID.randomUUID()).toList();
    List<Buffer> sealed = new ArrayList<>();
    for (int i = 0; i < about.size(); i++) {
      About a = about.get(i);
      sealed.add(Buffer.buffer(macs.of(EventMac.ENV_OF_CHANGED_ROW, ids.get(i), now, events.type().jsonName(),
          a.actor().type(), a.actor().id(), a.actor().tokenId(), null, events.type().subject().jsonName(), a.subjectId(),
          a.data())));
    }
    NamedParameters args = changeArgs
        .bind("subject_ids", about.stream().map(About::subjectId).toArray(UUID[]::new))
        .bind("actor_types", about.stream().map(a -> a.actor().type()).toArray(String[]::new))
        .bind("actor_ids", about.stream().map(a -> a.actor().id()).toArray(UUID[]::new))
        .bind("token_ids", about.stream().map(a -> a.actor().tokenId()).toArray(UUID[]::new))
        .bind("data", about.stream().map(About::data).toArray(JsonObject[]::new))
        .bind("ids", ids.toArray(UUID[]::new))
        .bind("macs", sealed.toArray(Buffer[]::new))
        .bind("occurred_at", now)
        .bind("type", events.type().jsonName())
        .bind("subject_type", events.type().subject().jsonName());
    String statement = args.sql("WITH changed AS (" + change + "),\n"
        + CHANGE_EVENTS.formatted(COLUMNS, events.envColumn(), events.subjectColumn(), events.subjectColumn()));
    return sql.preparedQuery(statement).execute(args.values())
        .map(rows -> {
          if (rows.size() > 0) {
            wake();
          }
          return rows;
        });
  }

  /** This process's pump; others find the event on their next sweep. */
  private void wake() {
    vertx.eventBus().publish(APPENDED, null, new DeliveryOptions().setLocalOnly(true));
  }

  /**
   * The events about the rows a statement changes: their type, and which columns of the changed row hold the
   * event's env and subject ids (such as {@code "env_id"} and {@code "id"}), written by the caller, never taken from
   * a request.
   */
  public record RowEvents(AuditEventType type, String envColumn, String subjectColumn) {

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
