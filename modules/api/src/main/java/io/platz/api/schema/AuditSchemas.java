package io.platz.api.schema;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import io.platz.api.document.Header;
import io.platz.api.document.Nullable;
import io.platz.api.document.Shape;
import io.platz.common.audit.AuditActorType;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** The audit trail, listed and streamed. */
public final class AuditSchemas {

  private AuditSchemas() {
  }

  @Doc("A security-relevant change.")
  public record AuditEvent(
      @Field(minimum = 1) @Doc("Gap-free and increasing.") long seq,
      UUID id,
      Instant occurredAt,
      @Doc("Such as user.created, bot_token.revoked, task.created.") String type,
      AuditActorType actorType,
      @Doc("Null exactly when actor_type is System.") @Nullable UUID actorId,
      @Doc("The credential the actor used.") @Nullable UUID tokenId,
      @Nullable UUID envId,
      String subjectType,
      @Nullable UUID subjectId,
      @Doc("What changed; never a secret.") JsonObject data,
      @Field(pattern = "^[0-9a-f]+$") @Doc("Hex; chained to the previous event's hash.") String hash) {
  }

  public record AuditEventFilters(
      String type,
      AuditActorType actorType,
      UUID actorId,
      UUID envId,
      @Field(minimum = 0) @Doc("Only events with a greater seq.") Long afterSeq,
      @Field(oneOf = {"asc", "desc"}, defaultJson = "\"asc\"") @Doc("By seq.") String order) {
  }

  public record AuditEventStreamFilters(
      String type,
      AuditActorType actorType,
      UUID actorId,
      UUID envId,
      @Field(minimum = 0)
      @Doc("Resume after this seq: the events above it come first from the database, then live, with no gap and no"
          + " repeat. Without it (and without Last-Event-ID) the stream starts live. Last-Event-ID wins when both are"
          + " given.")
      Long afterSeq,
      @Header("Last-Event-ID") @Field(minimum = 0)
      @Doc("Resume after this seq, as an EventSource sends it when it reconnects. Wins over after_seq.")
      Long lastEventId) {
  }

  @Doc("The event stream, as text/event-stream (which this document's tooling cannot give a schema for): retry: 3000,"
      + " then per event an id: line (its seq), an event: line (its type) and a data: line (the AuditEvent, as the"
      + " list's items, in JSON); comment lines start with ':'. It does not end while the credential may read the"
      + " events.")
  @Shape(eventStream = true)
  public record AuditEventMessages() {
  }
}
