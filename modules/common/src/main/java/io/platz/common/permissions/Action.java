package io.platz.common.permissions;

/**
 * What a caller asks to do, as the HTTP verticle names it when it asks the permissions module. The rules for
 * each live in the permissions module; this is only the vocabulary. Reads answer with a {@link Scope}.
 */
public enum Action {
  USERS_READ,
  USERS_CREATE,
  USERS_UPDATE,
  USER_TOKENS_READ,
  USER_TOKENS_CREATE,
  USER_TOKENS_REVOKE,
  BOTS_READ,
  BOTS_CREATE,
  BOTS_UPDATE,
  BOTS_DELETE,
  BOT_TOKENS_READ,
  BOT_TOKENS_CREATE,
  BOT_TOKENS_REVOKE,
  ENVS_READ,
  ENVS_CREATE,
  ENVS_UPDATE,
  ENVS_DELETE,
  ENV_ROLES_READ,
  ENV_ROLES_GRANT,
  ENV_ROLES_REMOVE,
  KINDS_READ,
  KINDS_CREATE,
  KINDS_UPDATE,
  KINDS_DELETE,
  DEPLOYMENT_ROLES_READ,
  DEPLOYMENT_ROLES_GRANT,
  DEPLOYMENT_ROLES_REMOVE,
  DEPLOYMENTS_READ,
  DEPLOYMENTS_CREATE,
  DEPLOYMENTS_UPDATE,
  DEPLOYMENTS_DELETE,
  DEPLOYMENT_CREDENTIALS_CREATE,
  DEPLOYMENT_CREDENTIALS_REVOKE,
  TASKS_READ,
  TASKS_CREATE,
  TASKS_CANCEL,
  TASKS_ADVANCE,
  AUDIT_READ,
  /** Asking which other actions one may do, without doing them: anyone authenticated, about themself. */
  AUTH_CHECK;

  public boolean isRead() {
    return name().endsWith("_READ");
  }
}
