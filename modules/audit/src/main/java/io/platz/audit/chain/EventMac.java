package io.platz.audit.chain;

import io.platz.common.crypto.HmacSha256;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;

/**
 * The MAC an audit event row carries from the transaction that wrote it: HMAC-SHA-256, under a key derived from
 * the server key, of every field the event's meaning depends on: its id (made by the writer, so that a copy of
 * the row is a second row with the same id), when it occurred, its type, actor and token, env, subject and data.
 * The database never sees the key, so a row written to it by anything but Platz's own code carries no valid MAC.
 *
 * <p>The first byte says where the env came from: named by the writer ({@link #ENV_NAMED}), and then covered, or
 * taken by the writing statement from the row it changed ({@link #ENV_OF_CHANGED_ROW}, task creation, whose env
 * is the deployment's), and then not. The data is covered as a JSON value (keys sorted, numbers by their value),
 * since PostgreSQL's {@code jsonb} keeps the value but not the text the writer sent.
 */
public final class EventMac {

  public static final byte ENV_NAMED = 'E';
  public static final byte ENV_OF_CHANGED_ROW = 'R';
  /** The columns of the event ({@code audit_events e}) {@link #matches} reads. */
  public static final String COLUMNS =
      "e.id, e.occurred_at, e.type, e.actor_type, e.actor_id, e.token_id, e.env_id, e.subject_type, e.subject_id,"
          + " e.data, e.mac";

  /** Keying a Mac costs more than using it; each thread (an event loop, a command) keeps its own. */
  private final ThreadLocal<Mac> macs;

  public EventMac(byte[] eventKey) {
    this.macs = HmacSha256.perThread(eventKey);
  }

  /** The time an event occurred, as the database keeps it (microseconds), so that both sides MAC the same. */
  public static OffsetDateTime now() {
    return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** The MAC of an event about to be written; {@code envId} is ignored for {@link #ENV_OF_CHANGED_ROW}. */
  public byte[] of(byte envSource, UUID id, OffsetDateTime occurredAt, String type, String actorType, UUID actorId,
                   UUID tokenId, UUID envId, String subjectType, UUID subjectId, JsonObject data) {
    String content = String.join("\n",
        id.toString(),
        Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt.toInstant())),
        type,
        actorType,
        text(actorId),
        text(tokenId),
        envSource == ENV_NAMED ? text(envId) : "",
        subjectType,
        text(subjectId),
        canonical(data));
    Mac mac = macs.get();
    mac.update(envSource);
    byte[] digest = mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = new byte[digest.length + 1];
    sealed[0] = envSource;
    System.arraycopy(digest, 0, sealed, 1, digest.length);
    return sealed;
  }

  /** Whether a row read with {@link #COLUMNS} carries the MAC of its own fields. */
  public boolean matches(Row event) {
    byte[] stored = event.getBuffer("mac") == null ? null : event.getBuffer("mac").getBytes();
    if (stored == null || stored.length == 0 || (stored[0] != ENV_NAMED && stored[0] != ENV_OF_CHANGED_ROW)
        || event.getUUID("id") == null || event.getOffsetDateTime("occurred_at") == null) {
      return false;
    }
    byte[] expected = of(stored[0], event.getUUID("id"), event.getOffsetDateTime("occurred_at"),
        event.getString("type"), event.getString("actor_type"), event.getUUID("actor_id"), event.getUUID("token_id"),
        event.getUUID("env_id"), event.getString("subject_type"), event.getUUID("subject_id"),
        (JsonObject) event.getValue("data"));
    return MessageDigest.isEqual(expected, stored);
  }

  /** JSON text that depends only on the value: keys sorted, numbers without trailing zeros. */
  static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof String text) {
      out.append(Json.encode(text));
    } else if (value instanceof Number number) {
      out.append(new BigDecimal(number.toString()).stripTrailingZeros().toPlainString());
    } else if (value instanceof JsonObject object) {
      writeObject(object.getMap(), out);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, out);
    } else if (value instanceof JsonArray array) {
      writeArray(array.getList(), out);
    } else if (value instanceof List<?> list) {
      writeArray(list, out);
    } else {
      // an Instant, bytes, an enum: what the writer sends is its JSON form
      write(Json.decodeValue(Json.encode(value)), out);
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    String separator = "";
    for (Map.Entry<String, Object> entry : sorted(map).entrySet()) {
      out.append(separator).append(Json.encode(entry.getKey())).append(':');
      write(entry.getValue(), out);
      separator = ",";
    }
    out.append('}');
  }

  private static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put(key.toString(), value));
    return sorted;
  }

  private static void writeArray(List<?> list, StringBuilder out) {
    out.append('[');
    String separator = "";
    for (Object element : list) {
      out.append(separator);
      write(element, out);
      separator = ",";
    }
    out.append(']');
  }

  private static String text(UUID id) {
    return id == null ? "" : id.toString();
  }

}
