package io.platz.audit.chain;

import io.platz.common.crypto.HmacSha256;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.crypto.Mac;

/**
 * The hash chain over audit events: each event's hash is HMAC-SHA-256, under a key derived from the server key,
 * of the previous event's hash and the event's own fields. Editing, removing or reordering any event breaks every
 * hash from it on; without the key, nobody who can write to the database can forge a consistent chain.
 */
public final class AuditChain {

  /**
   * The columns of the event ({@code audit_events e}) the hash covers besides its seq, as the queries that feed
   * {@link #next} must select them.
   */
  public static final String HASHED_COLUMNS =
      "e.id, e.occurred_at, e.type, e.actor_type, e.actor_id, e.token_id, e.env_id, e.subject_type, e.subject_id,"
          + " e.data::text AS data_text";
  /** What comes before the first event. */
  public static final byte[] GENESIS = new byte[0];

  /** Looking the algorithm up and keying it cost more than hashing one event, so each chain keeps its own. */
  private final Mac mac;

  /** Not thread-safe: each user (the pump, a verification) builds its own. */
  public AuditChain(byte[] auditKey) {
    this.mac = HmacSha256.keyed(auditKey);
  }

  /** The hash of an event given the one before it; {@code seq} is passed in, since the sequencer assigns it. */
  public byte[] next(byte[] previous, long seq, Row event) {
    String content = String.join("\n",
        Long.toString(seq),
        event.getUUID("id").toString(),
        Long.toString(micros(event.getOffsetDateTime("occurred_at"))),
        event.getString("type"),
        event.getString("actor_type"),
        text(event.getUUID("actor_id")),
        text(event.getUUID("token_id")),
        text(event.getUUID("env_id")),
        event.getString("subject_type"),
        text(event.getUUID("subject_id")),
        event.getString("data_text"));
    mac.update(previous);
    return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
  }

  private static long micros(OffsetDateTime time) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant());
  }

  private static String text(UUID id) {
    return id == null ? "" : id.toString();
  }
}
