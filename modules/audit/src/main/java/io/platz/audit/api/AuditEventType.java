package io.platz.audit.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event types of contract §5, each with the one kind of subject its events are about. Grant events name their
 * permission row as subject and their env. The SQL that records events (the triggers' consequences) spells them
 * too; a test holds it to this list.
 */
public enum AuditEventType {
  USER_CREATED("user.created", SubjectType.USER),
  USER_UPDATED("user.updated", SubjectType.USER),
  USER_TOKEN_CREATED("user_token.created", SubjectType.USER_TOKEN),
  USER_TOKEN_REVOKED("user_token.revoked", SubjectType.USER_TOKEN),
  BOT_CREATED("bot.created", SubjectType.BOT),
  BOT_UPDATED("bot.updated", SubjectType.BOT),
  BOT_DELETED("bot.deleted", SubjectType.BOT),
  BOT_TOKEN_CREATED("bot_token.created", SubjectType.BOT_TOKEN),
  BOT_TOKEN_REVOKED("bot_token.revoked", SubjectType.BOT_TOKEN),
  ENV_CREATED("env.created", SubjectType.ENV),
  ENV_UPDATED("env.updated", SubjectType.ENV),
  ENV_DELETED("env.deleted", SubjectType.ENV),
  ENV_ROLE_GRANTED("env_role.granted", SubjectType.ENV_USER_PERMISSION),
  ENV_ROLE_REMOVED("env_role.removed", SubjectType.ENV_USER_PERMISSION),
  DEPLOYMENT_ROLE_GRANTED("deployment_role.granted", SubjectType.DEPLOYMENT_PERMISSION),
  DEPLOYMENT_ROLE_REMOVED("deployment_role.removed", SubjectType.DEPLOYMENT_PERMISSION),
  DEPLOYMENT_KIND_CREATED("deployment_kind.created", SubjectType.DEPLOYMENT_KIND),
  DEPLOYMENT_KIND_UPDATED("deployment_kind.updated", SubjectType.DEPLOYMENT_KIND),
  /** Not in contract §5's list, which has no way to retire a kind; recorded like every other change. */
  DEPLOYMENT_KIND_DELETED("deployment_kind.deleted", SubjectType.DEPLOYMENT_KIND),
  DEPLOYMENT_CREATED("deployment.created", SubjectType.DEPLOYMENT),
  DEPLOYMENT_UPDATED("deployment.updated", SubjectType.DEPLOYMENT),
  DEPLOYMENT_DELETED("deployment.deleted", SubjectType.DEPLOYMENT),
  DEPLOYMENT_TOKEN_CREATED("deployment_token.created", SubjectType.DEPLOYMENT_TOKEN),
  DEPLOYMENT_TOKEN_REVOKED("deployment_token.revoked", SubjectType.DEPLOYMENT_TOKEN),
  TASK_CREATED("task.created", SubjectType.DEPLOYMENT_TASK),
  TASK_CANCELED("task.canceled", SubjectType.DEPLOYMENT_TASK),
  TASK_STATUS_CHANGED("task.status_changed", SubjectType.DEPLOYMENT_TASK);

  private static final Map<String, AuditEventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(AuditEventType::jsonName, Function.identity()));

  private final String jsonName;
  private final SubjectType subject;

  AuditEventType(String jsonName, SubjectType subject) {
    this.jsonName = jsonName;
    this.subject = subject;
  }

  /** As it is stored and sent: {@code "user.created"}. */
  public String jsonName() {
    return jsonName;
  }

  public SubjectType subject() {
    return subject;
  }

  /** The type of that name, if there is one. */
  public static Optional<AuditEventType> fromJson(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
