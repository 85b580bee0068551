package io.platz.audit.api;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A security-relevant change, as a module records it: its type (see {@link AuditEventTypes}), who acted, the env
 * it concerns (if any), what it was done to, and details. {@code data} must never hold a secret.
 */
public record AuditEvent(String type, Actor actor, UUID envId, String subjectType, UUID subjectId, JsonObject data) {

  public AuditEvent {
    data = data == null ? new JsonObject() : data;
  }
}
