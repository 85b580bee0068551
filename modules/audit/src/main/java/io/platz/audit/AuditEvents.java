package io.platz.audit;

import io.platz.audit.api.AuditTrail;
import io.platz.common.audit.AuditQuery;
import io.platz.common.bus.Command;
import io.platz.common.json.Fields;
import io.platz.persistence.sql.Columns;
import io.platz.persistence.sql.PageRequest;
import io.platz.persistence.sql.Pages;
import io.platz.persistence.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.HexFormat;
import java.util.List;

/**
 * Audit events as the API and the event bus show them: numbered ones only (an event gets its {@code seq}
 * milliseconds after its transaction commits), oldest first so that {@code after_seq} reads like a cursor.
 */
public final class AuditEvents {

  /** Numbered events: each event ({@code e}) with its link ({@code l}), which holds its seq and hash. */
  public static final String LINKED = "audit_links l JOIN audit_events e ON e.position = l.position";
  /**
   * The same rows for the API: every link has its event (events are never deleted), so an outer join changes
   * nothing but lets PostgreSQL leave the events out of an unfiltered page's count, which is then the links'
   * alone. The chain's readers keep the inner join, where a link without its event must show as a gap.
   */
  private static final String LISTED = "audit_links l LEFT JOIN audit_events e ON e.position = l.position";
  public static final String COLUMNS = """
      l.seq, e.id, e.occurred_at, e.type, e.actor_type, e.actor_id, e.token_id, e.env_id, e.subject_type, e.subject_id,
      e.data, l.hash""";

  private final Pool pool;

  public AuditEvents(Pool pool) {
    this.pool = pool;
  }

  /** Filters {@code type}, {@code actor_type}, {@code actor_id}, {@code env_id}, {@code after_seq}; {@code order=desc}. */
  public Future<JsonObject> list(Command command) {
    AuditQuery query = AuditQuery.from(command.params());
    Where where = new Where().scoped(command.scope(), "e.env_id", null)
        .andIf(query.type(), "e.type = ?")
        .andIf(query.actorType(), "e.actor_type = ?")
        .andIf(query.actorId(), "e.actor_id = ?")
        .andIf(query.envId(), "e.env_id = ?")
        .andIf(query.afterSeq(), "l.seq > ?");
    boolean newestFirst = Fields.query(command.params()).oneOf("order", List.of("asc", "desc")).map("desc"::equals).orElse(false);
    return Pages.fetch(pool, COLUMNS, LISTED, where, newestFirst ? "l.seq DESC" : "l.seq",
        PageRequest.from(command.params(), PageRequest.maxPerPage(AuditTrail.MAX_EVENT_BYTES)), AuditEvents::toJson);
  }

  public static JsonObject toJson(Row row) {
    return toJson(row, row.getLong("seq"), row.getBuffer("hash").getBytes());
  }

  /** An event read before it was numbered, with the {@code seq} and hash it has just been given. */
  public static JsonObject toJson(Row row, long seq, byte[] hash) {
    return new JsonObject()
        .put("seq", seq)
        .put("id", Columns.uuid(row, "id"))
        .put("occurred_at", Columns.time(row, "occurred_at"))
        .put("type", row.getString("type"))
        .put("actor_type", row.getString("actor_type"))
        .put("actor_id", Columns.uuid(row, "actor_id"))
        .put("token_id", Columns.uuid(row, "token_id"))
        .put("env_id", Columns.uuid(row, "env_id"))
        .put("subject_type", row.getString("subject_type"))
        .put("subject_id", Columns.uuid(row, "subject_id"))
        .put("data", (JsonObject) row.getValue("data"))
        .put("hash", HexFormat.of().formatHex(hash));
  }
}
