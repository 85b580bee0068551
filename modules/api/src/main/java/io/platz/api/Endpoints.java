package io.platz.api;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.platz.common.audit.AuditRequests.AuditOperation;
import io.platz.common.auth.AuthRequests.AuthOperation;
import io.platz.common.deployments.DeploymentsRequests.DeploymentsOperation;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.PermissionsRequests.AccessOperation;
import io.platz.common.permissions.PermissionsRequests.PermissionsOperation;
import java.util.List;

/** Every authenticated endpoint under {@code /api/v2}, as data: the router and the OpenAPI test read this list. */
public final class Endpoints {

  /** Served by {@link AuditEventStream}, not as one command: the list's action and operation, page after page. */
  public static final Endpoint AUDIT_STREAM = new Endpoint(GET, "/audit-events/stream", Action.AUDIT_READ, AuditOperation.LIST, 200);

  public static final List<Endpoint> ALL = List.of(
      new Endpoint(GET, "/users", Action.USERS_READ, AuthOperation.USERS_LIST, 200),
      new Endpoint(GET, "/users/:id", Action.USERS_READ, AuthOperation.USERS_GET, 200),
      new Endpoint(POST, "/users", Action.USERS_CREATE, AuthOperation.USERS_CREATE, 201),
      new Endpoint(PUT, "/users/:id", Action.USERS_UPDATE, AuthOperation.USERS_UPDATE, 200),

      new Endpoint(GET, "/user-tokens", Action.USER_TOKENS_READ, AuthOperation.USER_TOKENS_LIST, 200),
      new Endpoint(GET, "/user-tokens/:id", Action.USER_TOKENS_READ, AuthOperation.USER_TOKENS_GET, 200),
      new Endpoint(POST, "/user-tokens", Action.USER_TOKENS_CREATE, AuthOperation.USER_TOKENS_CREATE, 201),
      new Endpoint(DELETE, "/user-tokens/:id", Action.USER_TOKENS_REVOKE, AuthOperation.USER_TOKENS_REVOKE, 204),

      new Endpoint(GET, "/bots", Action.BOTS_READ, AuthOperation.BOTS_LIST, 200),
      new Endpoint(GET, "/bots/:id", Action.BOTS_READ, AuthOperation.BOTS_GET, 200),
      new Endpoint(POST, "/bots", Action.BOTS_CREATE, AuthOperation.BOTS_CREATE, 201),
      new Endpoint(PUT, "/bots/:id", Action.BOTS_UPDATE, AuthOperation.BOTS_UPDATE, 200),
      new Endpoint(DELETE, "/bots/:id", Action.BOTS_DELETE, AuthOperation.BOTS_DELETE, 204),

      new Endpoint(GET, "/bot-tokens", Action.BOT_TOKENS_READ, AuthOperation.BOT_TOKENS_LIST, 200),
      new Endpoint(GET, "/bot-tokens/:id", Action.BOT_TOKENS_READ, AuthOperation.BOT_TOKENS_GET, 200),
      new Endpoint(POST, "/bot-tokens", Action.BOT_TOKENS_CREATE, AuthOperation.BOT_TOKENS_CREATE, 201),
      new Endpoint(DELETE, "/bot-tokens/:id", Action.BOT_TOKENS_REVOKE, AuthOperation.BOT_TOKENS_REVOKE, 204),

      new Endpoint(GET, "/envs", Action.ENVS_READ, AccessOperation.ENVS_LIST, 200),
      new Endpoint(GET, "/envs/:id", Action.ENVS_READ, AccessOperation.ENVS_GET, 200),
      new Endpoint(POST, "/envs", Action.ENVS_CREATE, AccessOperation.ENVS_CREATE, 201),
      new Endpoint(PUT, "/envs/:id", Action.ENVS_UPDATE, AccessOperation.ENVS_UPDATE, 200),
      new Endpoint(DELETE, "/envs/:id", Action.ENVS_DELETE, AccessOperation.ENVS_DELETE, 204),

      new Endpoint(GET, "/env-user-permissions", Action.ENV_ROLES_READ, AccessOperation.ENV_ROLES_LIST, 200),
      new Endpoint(GET, "/env-user-permissions/:id", Action.ENV_ROLES_READ, AccessOperation.ENV_ROLES_GET, 200),
      new Endpoint(POST, "/env-user-permissions", Action.ENV_ROLES_GRANT, AccessOperation.ENV_ROLES_GRANT, 201),
      new Endpoint(DELETE, "/env-user-permissions/:id", Action.ENV_ROLES_REMOVE, AccessOperation.ENV_ROLES_REMOVE, 204),

      new Endpoint(GET, "/deployment-kinds", Action.KINDS_READ, AccessOperation.KINDS_LIST, 200),
      new Endpoint(GET, "/deployment-kinds/:id", Action.KINDS_READ, AccessOperation.KINDS_GET, 200),
      new Endpoint(POST, "/deployment-kinds", Action.KINDS_CREATE, AccessOperation.KINDS_CREATE, 201),
      new Endpoint(PUT, "/deployment-kinds/:id", Action.KINDS_UPDATE, AccessOperation.KINDS_UPDATE, 200),
      new Endpoint(DELETE, "/deployment-kinds/:id", Action.KINDS_DELETE, AccessOperation.KINDS_DELETE, 204),

      new Endpoint(GET, "/deployment-permissions", Action.DEPLOYMENT_ROLES_READ, AccessOperation.DEPLOYMENT_ROLES_LIST, 200),
      new Endpoint(GET, "/deployment-permissions/:id", Action.DEPLOYMENT_ROLES_READ, AccessOperation.DEPLOYMENT_ROLES_GET, 200),
      new Endpoint(POST, "/deployment-permissions", Action.DEPLOYMENT_ROLES_GRANT, AccessOperation.DEPLOYMENT_ROLES_GRANT, 201),
      new Endpoint(DELETE, "/deployment-permissions/:id", Action.DEPLOYMENT_ROLES_REMOVE, AccessOperation.DEPLOYMENT_ROLES_REMOVE, 204),

      new Endpoint(GET, "/deployments", Action.DEPLOYMENTS_READ, DeploymentsOperation.LIST, 200),
      new Endpoint(GET, "/deployments/:id", Action.DEPLOYMENTS_READ, DeploymentsOperation.GET, 200),
      new Endpoint(POST, "/deployments", Action.DEPLOYMENTS_CREATE, DeploymentsOperation.CREATE, 201),
      new Endpoint(PUT, "/deployments/:id", Action.DEPLOYMENTS_UPDATE, DeploymentsOperation.UPDATE, 200),
      new Endpoint(DELETE, "/deployments/:id", Action.DEPLOYMENTS_DELETE, DeploymentsOperation.DELETE, 204),
      new Endpoint(POST, "/deployments/:id/credentials", Action.DEPLOYMENT_CREDENTIALS_CREATE, AuthOperation.DEPLOYMENT_TOKENS_CREATE, 201),
      new Endpoint(DELETE, "/deployments/:id/credentials/:token_id", Action.DEPLOYMENT_CREDENTIALS_REVOKE, AuthOperation.DEPLOYMENT_TOKENS_REVOKE, 204),

      new Endpoint(GET, "/deployment-tasks", Action.TASKS_READ, DeploymentsOperation.TASKS_LIST, 200),
      new Endpoint(GET, "/deployment-tasks/:id", Action.TASKS_READ, DeploymentsOperation.TASKS_GET, 200),
      new Endpoint(POST, "/deployment-tasks", Action.TASKS_CREATE, DeploymentsOperation.TASKS_CREATE, 201),
      new Endpoint(DELETE, "/deployment-tasks/:id", Action.TASKS_CANCEL, DeploymentsOperation.TASKS_CANCEL, 200),
      new Endpoint(PUT, "/deployment-tasks/:id", Action.TASKS_ADVANCE, DeploymentsOperation.TASKS_ADVANCE, 200),

      new Endpoint(GET, "/audit-events", Action.AUDIT_READ, AuditOperation.LIST, 200),
      AUDIT_STREAM,

      new Endpoint(POST, "/auth/check", Action.AUTH_CHECK, PermissionsOperation.CHECK, 200));

  private Endpoints() {
  }
}
