package io.platz.audit.api;

/** The event types of contract §5. Grant events name their permission row as subject and their env. */
public final class AuditEventTypes {

  public static final String USER_CREATED = "user.created";
  public static final String USER_UPDATED = "user.updated";
  public static final String USER_TOKEN_CREATED = "user_token.created";
  public static final String USER_TOKEN_REVOKED = "user_token.revoked";
  public static final String BOT_CREATED = "bot.created";
  public static final String BOT_UPDATED = "bot.updated";
  public static final String BOT_DELETED = "bot.deleted";
  public static final String BOT_TOKEN_CREATED = "bot_token.created";
  public static final String BOT_TOKEN_REVOKED = "bot_token.revoked";
  public static final String ENV_CREATED = "env.created";
  public static final String ENV_UPDATED = "env.updated";
  public static final String ENV_DELETED = "env.deleted";
  public static final String ENV_ROLE_GRANTED = "env_role.granted";
  public static final String ENV_ROLE_REMOVED = "env_role.removed";
  public static final String DEPLOYMENT_ROLE_GRANTED = "deployment_role.granted";
  public static final String DEPLOYMENT_ROLE_REMOVED = "deployment_role.removed";
  public static final String DEPLOYMENT_KIND_CREATED = "deployment_kind.created";
  public static final String DEPLOYMENT_KIND_UPDATED = "deployment_kind.updated";
  /** Not in contract §5's list, which has no way to retire a kind; recorded like every other change. */
  public static final String DEPLOYMENT_KIND_DELETED = "deployment_kind.deleted";
  public static final String DEPLOYMENT_CREATED = "deployment.created";
  public static final String DEPLOYMENT_UPDATED = "deployment.updated";
  public static final String DEPLOYMENT_DELETED = "deployment.deleted";
  public static final String DEPLOYMENT_TOKEN_CREATED = "deployment_token.created";
  public static final String DEPLOYMENT_TOKEN_REVOKED = "deployment_token.revoked";
  public static final String TASK_CREATED = "task.created";
  public static final String TASK_CANCELED = "task.canceled";
  public static final String TASK_STATUS_CHANGED = "task.status_changed";

  private AuditEventTypes() {
  }
}
