package io.platz.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.platz.common.bus.Addresses.Audit;
import io.platz.common.bus.Addresses.Auth;
import io.platz.common.bus.Addresses.Deployments;
import io.platz.common.bus.Addresses.Permissions;
import io.platz.common.permissions.Action;
import java.util.List;

/** Every authenticated endpoint under {@code /api/v2}, as data: the router and the OpenAPI test read this list. */
public final class Endpoints {

  /** Served by {@link AuditEventStream}, not as one command: the list's action and address, page after page. */
  public static final Endpoint AUDIT_STREAM = new Endpoint(GET, "/audit-events/stream", Action.AUDIT_READ, Audit.LIST, 200);

  public static final List<Endpoint> ALL = List.of(
      new Endpoint(GET, "/users", Action.USERS_READ, Auth.USERS_LIST, 200),
      new Endpoint(GET, "/users/:id", Action.USERS_READ, Auth.USERS_GET, 200),
      new Endpoint(POST, "/users", Action.USERS_CREATE, Auth.USERS_CREATE, 201),
      new Endpoint(PUT, "/users/:id", Action.USERS_UPDATE, Auth.USERS_UPDATE, 200),

      new Endpoint(GET, "/user-tokens", Action.USER_TOKENS_READ, Auth.USER_TOKENS_LIST, 200),
      new Endpoint(GET, "/user-tokens/:id", Action.USER_TOKENS_READ, Auth.USER_TOKENS_GET, 200),
      new Endpoint(POST, "/user-tokens", Action.USER_TOKENS_CREATE, Auth.USER_TOKENS_CREATE, 201),
      new Endpoint(DELETE, "/user-tokens/:id", Action.USER_TOKENS_REVOKE, Auth.USER_TOKENS_REVOKE, 204),

      new Endpoint(GET, "/bots", Action.BOTS_READ, Auth.BOTS_LIST, 200),
      new Endpoint(GET, "/bots/:id", Action.BOTS_READ, Auth.BOTS_GET, 200),
      new Endpoint(POST, "/bots", Action.BOTS_CREATE, Auth.BOTS_CREATE, 201),
      new Endpoint(PUT, "/bots/:id", Action.BOTS_UPDATE, Auth.BOTS_UPDATE, 200),
      new Endpoint(DELETE, "/bots/:id", Action.BOTS_DELETE, Auth.BOTS_DELETE, 204),

      new Endpoint(GET, "/bot-tokens", Action.BOT_TOKENS_READ, Auth.BOT_TOKENS_LIST, 200),
      new Endpoint(GET, "/bot-tokens/:id", Action.BOT_TOKENS_READ, Auth.BOT_TOKENS_GET, 200),
      new Endpoint(POST, "/bot-tokens", Action.BOT_TOKENS_CREATE, Auth.BOT_TOKENS_CREATE, 201),
      new Endpoint(DELETE, "/bot-tokens/:id", Action.BOT_TOKENS_REVOKE, Auth.BOT_TOKENS_REVOKE, 204),

      new Endpoint(GET, "/envs", Action.ENVS_READ, Permissions.ENVS_LIST, 200),
      new Endpoint(GET, "/envs/:id", Action.ENVS_READ, Permissions.ENVS_GET, 200),
      new Endpoint(POST, "/envs", Action.ENVS_CREATE, Permissions.ENVS_CREATE, 201),
      new Endpoint(PUT, "/envs/:id", Action.ENVS_UPDATE, Permissions.ENVS_UPDATE, 200),
      new Endpoint(DELETE, "/envs/:id", Action.ENVS_DELETE, Permissions.ENVS_DELETE, 204),

      new Endpoint(GET, "/env-user-permissions", Action.ENV_ROLES_READ, Permissions.ENV_ROLES_LIST, 200),
      new Endpoint(GET, "/env-user-permissions/:id", Action.ENV_ROLES_READ, Permissions.ENV_ROLES_GET, 200),
      new Endpoint(POST, "/env-user-permissions", Action.ENV_ROLES_GRANT, Permissions.ENV_ROLES_GRANT, 201),
      new Endpoint(DELETE, "/env-user-permissions/:id", Action.ENV_ROLES_REMOVE, Permissions.ENV_ROLES_REMOVE, 204),

      new Endpoint(GET, "/deployment-kinds", Action.KINDS_READ, Permissions.KINDS_LIST, 200),
      new Endpoint(GET, "/deployment-kinds/:id", Action.KINDS_READ, Permissions.KINDS_GET, 200),
      new Endpoint(POST, "/deployment-kinds", Action.KINDS_CREATE, Permissions.KINDS_CREATE, 201),
      new Endpoint(PUT, "/deployment-kinds/:id", Action.KINDS_UPDATE, Permissions.KINDS_UPDATE, 200),
      new Endpoint(DELETE, "/deployment-kinds/:id", Action.KINDS_DELETE, Permissions.KINDS_DELETE, 204),

      new Endpoint(GET, "/deployment-permissions", Action.DEPLOYMENT_ROLES_READ, Permissions.DEPLOYMENT_ROLES_LIST, 200),
      new Endpoint(GET, "/deployment-permissions/:id", Action.DEPLOYMENT_ROLES_READ, Permissions.DEPLOYMENT_ROLES_GET, 200),
      new Endpoint(POST, "/deployment-permissions", Action.DEPLOYMENT_ROLES_GRANT, Permissions.DEPLOYMENT_ROLES_GRANT, 201),
      new Endpoint(DELETE, "/deployment-permissions/:id", Action.DEPLOYMENT_ROLES_REMOVE, Permissions.DEPLOYMENT_ROLES_REMOVE, 204),

      new Endpoint(GET, "/deployments", Action.DEPLOYMENTS_READ, Deployments.LIST, 200),
      new Endpoint(GET, "/deployments/:id", Action.DEPLOYMENTS_READ, Deployments.GET, 200),
      new Endpoint(POST, "/deployments", Action.DEPLOYMENTS_CREATE, Deployments.CREATE, 201),
      new Endpoint(PUT, "/deployments/:id", Action.DEPLOYMENTS_UPDATE, Deployments.UPDATE, 200),
      new Endpoint(DELETE, "/deployments/:id", Action.DEPLOYMENTS_DELETE, Deployments.DELETE, 204),
      new Endpoint(POST, "/deployments/:id/credentials", Action.DEPLOYMENT_CREDENTIALS_CREATE, Auth.DEPLOYMENT_TOKENS_CREATE, 201),
      new Endpoint(DELETE, "/deployments/:id/credentials/:token_id", Action.DEPLOYMENT_CREDENTIALS_REVOKE,
          Auth.DEPLOYMENT_TOKENS_REVOKE, 204),

      new Endpoint(GET, "/deployment-tasks", Action.TASKS_READ, Deployments.TASKS_LIST, 200),
      new Endpoint(GET, "/deployment-tasks/:id", Action.TASKS_READ, Deployments.TASKS_GET, 200),
      new Endpoint(POST, "/deployment-tasks", Action.TASKS_CREATE, Deployments.TASKS_CREATE, 201),
      new Endpoint(DELETE, "/deployment-tasks/:id", Action.TASKS_CANCEL, Deployments.TASKS_CANCEL, 200),
      new Endpoint(PUT, "/deployment-tasks/:id", Action.TASKS_ADVANCE, Deployments.TASKS_ADVANCE, 200),

      new Endpoint(GET, "/audit-events", Action.AUDIT_READ, Audit.LIST, 200),
      AUDIT_STREAM,

      new Endpoint(POST, "/auth/check", Action.AUTH_CHECK, Permissions.CHECK, 200));

  private Endpoints() {
  }
}
