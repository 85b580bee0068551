package io.platz.audit.api;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A security-relevant change, as a module records it: its type (which says what kind of subject it is about), who
 * acted, what it was done to, the env it concerns (if any), and details. Built by name:
 * {@code AuditEvent.about(ENV_UPDATED, actor, envId).inEnv(envId).with(data)}. {@code data} must never hold a secret.
 */
public final class AuditEvent {

  private final AuditEventType type;
  private final Actor actor;
  private final UUID subjectId;
  private final UUID envId;
  private final JsonObject data;

  private AuditEvent(AuditEventType type, Actor actor, UUID subjectId, UUID envId, JsonObject data) {
    this.type = type;
    this.actor = actor;
    this.subjectId = subjectId;
    this.envId = envId;
    this.data = data;
  }

  /** An event of {@code type} by {@code actor} about the subject {@code subjectId}: in no env, with no details. */
  public static AuditEvent about(AuditEventType type, Actor actor, UUID subjectId) {
    return new AuditEvent(type, actor, subjectId, null, new JsonObject());
  }

  /** The same event, concerning {@code env}. */
  public AuditEvent inEnv(UUID env) {
    return new AuditEvent(type, actor, subjectId, env, data);
  }

  /** The same event, with these details. */
  public AuditEvent with(JsonObject details) {
    return new AuditEvent(type, actor, subjectId, envId, details);
  }

  public AuditEventType type() {
    return type;
  }

  public Actor actor() {
    return actor;
  }

  public SubjectType subjectType() {
    return type.subject();
  }

  public UUID subjectId() {
    return subjectId;
  }

  /** Null when the event concerns no env. */
  public UUID envId() {
    return envId;
  }

  public JsonObject data() {
    return data;
  }
}
