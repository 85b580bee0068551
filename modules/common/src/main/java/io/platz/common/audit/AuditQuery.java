package io.platz.common.audit;

import io.platz.common.json.Fields;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/**
 * The filters of {@code GET /audit-events} and its stream ({@code type}, {@code actor_type}, {@code actor_id},
 * {@code env_id}) and the cursor {@code after_seq}, read once for both: the list turns them into SQL, the stream
 * matches published events with them. A value that is not valid for its filter is a 400.
 */
public record AuditQuery(Optional<String> type, Optional<String> actorType, Optional<UUID> actorId, Optional<UUID> envId,
                         Optional<Long> afterSeq) {


  public static AuditQuery from(JsonObject params) {
    Fields query = Fields.query(params);
    return new AuditQuery(query.string("type"), query.oneOf("actor_type", AuditActorType.NAMES), query.uuid("actor_id"),
        query.uuid("env_id"), afterSeq(query, "after_seq"));
  }

  /** A seq to resume after: 0 or more. {@code name} is the parameter or header it came from, for the error. */
  public static Optional<Long> afterSeq(Fields query, String name) {
    Optional<Long> seq = query.integer(name);
    if (seq.isPresent() && seq.get() < 0) {
      throw Fields.invalid(name, "a seq, 0 or more");
    }
    return seq;
  }

  /** Whether an event, as the list and the bus show it, passes the filters (the cursor aside). */
  public boolean matches(JsonObject event) {
    return type.map(value -> value.equals(event.getString("type"))).orElse(true)
        && actorType.map(value -> value.equals(event.getString("actor_type"))).orElse(true)
        && actorId.map(id -> id.toString().equals(event.getString("actor_id"))).orElse(true)
        && envId.map(id -> id.toString().equals(event.getString("env_id"))).orElse(true);
  }

  /** The filters as query parameters of the list, without the cursor. */
  public JsonObject filterParams() {
    JsonObject params = new JsonObject();
    type.ifPresent(value -> params.put("type", value));
    actorType.ifPresent(value -> params.put("actor_type", value));
    actorId.ifPresent(value -> params.put("actor_id", value.toString()));
    envId.ifPresent(value -> params.put("env_id", value.toString()));
    return params;
  }
}
