package io.platz.permissions.checks;

import io.platz.common.permissions.Action;
import java.util.List;

/**
 * What a check of an action must name, so that the action's rule sees what the real request would give it. One row
 * per action and no default: an action added to {@link Action} does not compile until it is offered here or not.
 */
enum CheckTarget {
  NOTHING(List.of()),
  ENV(List.of("env_id")),
  KIND(List.of("kind_id")),
  ENV_AND_KIND(List.of("env_id", "kind_id")),
  DEPLOYMENT(List.of("deployment_id")),
  /** Not offered: its rule needs more than an env, kind or deployment (a token, a grant, a task, a body). */
  NOT_OFFERED(List.of());

  private final List<String> fields;

  CheckTarget(List<String> fields) {
    this.fields = fields;
  }

  /** The id fields a check of this action names, all required, no other. */
  List<String> fields() {
    return fields;
  }

  static CheckTarget of(Action action) {
    return switch (action) {
      case USERS_READ, USERS_CREATE, USER_TOKENS_READ, USER_TOKENS_CREATE, BOTS_READ, BOTS_CREATE, BOTS_UPDATE,
          BOTS_DELETE, BOT_TOKENS_READ, BOT_TOKENS_CREATE, BOT_TOKENS_REVOKE, ENVS_CREATE, KINDS_READ, KINDS_CREATE,
          AUDIT_READ -> NOTHING;
      case KINDS_UPDATE, KINDS_DELETE -> KIND;
      case ENVS_UPDATE, ENVS_DELETE, ENV_ROLES_GRANT, DEPLOYMENT_ROLES_GRANT -> ENV;
      case DEPLOYMENTS_CREATE -> ENV_AND_KIND;
      case DEPLOYMENTS_UPDATE, DEPLOYMENTS_DELETE, DEPLOYMENT_CREDENTIALS_CREATE, DEPLOYMENT_CREDENTIALS_REVOKE -> DEPLOYMENT;
      case USERS_UPDATE, USER_TOKENS_REVOKE, ENVS_READ, ENV_ROLES_READ, ENV_ROLES_REMOVE, DEPLOYMENT_ROLES_READ,
          DEPLOYMENT_ROLES_REMOVE, DEPLOYMENTS_READ, TASKS_READ, TASKS_CREATE, TASKS_CANCEL, TASKS_ADVANCE, AUTH_CHECK ->
          NOT_OFFERED;
    };
  }
}
