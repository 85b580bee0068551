package io.platz.api;

import static io.platz.api.OperationDoc.doc;
import static io.platz.api.schema.CommonSchemas.page;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.platz.api.schema.AuditSchemas.AuditEvent;
import io.platz.api.schema.AuditSchemas.AuditEventFilters;
import io.platz.api.schema.AuditSchemas.AuditEventMessages;
import io.platz.api.schema.AuditSchemas.AuditEventStreamFilters;
import io.platz.api.schema.AuthSchemas.AccessCheckResults;
import io.platz.api.schema.AuthSchemas.AccessChecks;
import io.platz.api.schema.BotSchemas.Bot;
import io.platz.api.schema.BotSchemas.BotFilters;
import io.platz.api.schema.BotSchemas.BotToken;
import io.platz.api.schema.BotSchemas.BotTokenFilters;
import io.platz.api.schema.BotSchemas.NewBot;
import io.platz.api.schema.BotSchemas.NewBotToken;
import io.platz.api.schema.BotSchemas.UpdateBot;
import io.platz.api.schema.DeploymentSchemas.Deployment;
import io.platz.api.schema.DeploymentSchemas.DeploymentCredential;
import io.platz.api.schema.DeploymentSchemas.DeploymentFilters;
import io.platz.api.schema.DeploymentSchemas.NewDeployment;
import io.platz.api.schema.DeploymentSchemas.UpdateDeployment;
import io.platz.api.schema.EnvSchemas.Env;
import io.platz.api.schema.EnvSchemas.EnvFilters;
import io.platz.api.schema.EnvSchemas.EnvUserPermission;
import io.platz.api.schema.EnvSchemas.EnvUserPermissionFilters;
import io.platz.api.schema.EnvSchemas.NewEnv;
import io.platz.api.schema.EnvSchemas.NewEnvUserPermission;
import io.platz.api.schema.EnvSchemas.UpdateEnv;
import io.platz.api.schema.KindSchemas.DeploymentKind;
import io.platz.api.schema.KindSchemas.DeploymentKindFilters;
import io.platz.api.schema.KindSchemas.DeploymentPermission;
import io.platz.api.schema.KindSchemas.DeploymentPermissionFilters;
import io.platz.api.schema.KindSchemas.NewDeploymentKind;
import io.platz.api.schema.KindSchemas.NewDeploymentPermission;
import io.platz.api.schema.KindSchemas.UpdateDeploymentKind;
import io.platz.api.schema.TaskSchemas.AdvanceDeploymentTask;
import io.platz.api.schema.TaskSchemas.CancelDeploymentTask;
import io.platz.api.schema.TaskSchemas.DeploymentTask;
import io.platz.api.schema.TaskSchemas.DeploymentTaskFilters;
import io.platz.api.schema.TaskSchemas.NewDeploymentTask;
import io.platz.api.schema.UserSchemas.CreatedToken;
import io.platz.api.schema.UserSchemas.NewUser;
import io.platz.api.schema.UserSchemas.NewUserToken;
import io.platz.api.schema.UserSchemas.UpdateUser;
import io.platz.api.schema.UserSchemas.User;
import io.platz.api.schema.UserSchemas.UserFilters;
import io.platz.api.schema.UserSchemas.UserToken;
import io.platz.api.schema.UserSchemas.UserTokenFilters;
import io.platz.common.audit.AuditRequests.AuditOperation;
import io.platz.common.auth.AuthRequests.AuthOperation;
import io.platz.common.deployments.DeploymentsRequests.DeploymentsOperation;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.PermissionsRequests.AccessOperation;
import io.platz.common.permissions.PermissionsRequests.PermissionsOperation;
import java.util.List;

/**
 * Every authenticated endpoint under {@code /api/v2}, as data: the router mounts this list and
 * {@link OpenApiDocument} describes it, with the bodies' records, so a new row is a new operation in the document.
 */
public final class Endpoints {

  private static final String USERS_ONLY = "Users only: bots and deployments get 403.";
  private static final String SITE_ADMINS = "Site admins only.";
  private static final String ENV_ADMINS = "The env's Admins and site admins.";
  private static final String KIND_OWNERS = "Owner of the kind in that env, the env's Admins, site admins.";
  private static final String PAGE_LIMIT = "A page holds at most 16 MiB over (PLATZ_MAX_CONFIG_BYTES + 96 KiB) items:"
      + " per_page up to 102 with the default 64 KiB (400 beyond), and 50 by default, or that maximum if it is lower.";
  private static final String LIST_DEPLOYMENTS = "The deployments the caller may see, oldest first. " + PAGE_LIMIT
      + " With simple=true, items leave out config and description_md and per_page goes up to 500.";
  private static final String CREATE_CREDENTIALS = KIND_OWNERS + " The credential acts as a Maintainer only on the"
      + " deployments of that env whose kind its creator holds a role on (all of them for an env Admin or site admin),"
      + " and dies when its creator may no longer create it. The answer is the only time the credential is shown.";
  private static final String REVOKE_CREDENTIAL = "Whoever may create it: " + KIND_OWNERS + " Effective before the"
      + " answer. 404 when the credential is not this deployment's or is already revoked. token_id is the credential's"
      + " id, answered when it was created.";
  private static final String CREATE_TASK = "The role the operation needs on the deployment's kind in its env; the env's"
      + " Admins and site admins always. A deployment credential may invoke actions a Maintainer may, in its own env.";
  private static final String LIST_AUDIT_EVENTS = "Site admins (all events) and env Admins (the events of their envs)."
      + " Oldest first unless order=desc. An event's data is at most 31 KiB as JSON (a config or a description is"
      + " recorded by keyed digest, never by value), so a page of 500 stays under 16 MiB. An env_id filter on an env"
      + " outside an env Admin's is 404 where they cannot see the env, 403 where they can.";
  private static final String STREAM_AUDIT_EVENTS = "The events GET /audit-events would list to the caller, with the"
      + " same filters and scope, as text/event-stream: one message per event, id: its seq, event: its type, data: the"
      + " list item's JSON, in seq order. It starts with retry: (milliseconds before a client reconnects) and writes a"
      + " ': keep-alive' comment every 15 s (PLATZ_AUDIT_STREAM_KEEPALIVE_SECONDS) while quiet. Resumable and gap-free:"
      + " after Last-Event-ID or after_seq it catches up from the database, then goes live. The credential is checked"
      + " again at least every half second and before each batch of events: a revoked token, a deleted bot or a"
      + " deactivated user ends the stream, a lost env Admin role narrows it (or ends it, when it was the last, or the"
      + " env_id filter's). A consumer that stops reading is not buffered for: once its connection's write queue is"
      + " full the stream holds nothing more and, when the consumer reads again, goes on from the database. A stream"
      + " that ends for any other reason says so in a last comment, with the id to resume from. At most 5 streams per"
      + " credential at once (429). Errors are JSON, before the stream starts.";
  private static final String CHECK_ACCESS = "Any authenticated caller (user, bot or deployment) asks about its own"
      + " credential, as Kubernetes' SelfSubjectAccessReview. Each check is decided by the same rules as the real"
      + " request, in order; allowed is false with the reason the real request would be refused with, and a deployment"
      + " or env the caller cannot see has the same reason as one that does not exist. Allowed speaks of permission"
      + " only: the real request may still fail its own validation (a name taken, a missing kind). Nothing changes, so"
      + " no audit event is written. 1 to 100 checks; a malformed check is 400 naming its index and field.";

  /** Served by {@link AuditEventStream}, not as one command: the list's action and operation, page after page. */
  public static final Endpoint AUDIT_STREAM = new Endpoint(GET, "/audit-events/stream", Action.AUDIT_READ, AuditOperation.LIST, 200, AuditEventStreamFilters.class, AuditEventMessages.class, doc("streamAuditEvents", "Stream audit events (server-sent events)", STREAM_AUDIT_EVENTS, 400, 403, 404));

  public static final List<Endpoint> ALL = List.of(
      new Endpoint(GET, "/users", Action.USERS_READ, AuthOperation.USERS_LIST, 200, UserFilters.class, page(User.class), doc("allUsers", "List users", USERS_ONLY + " Oldest first.", 400, 403)),
      new Endpoint(GET, "/users/:id", Action.USERS_READ, AuthOperation.USERS_GET, 200, Void.class, User.class, doc("getUser", "Get a user", USERS_ONLY, 403, 404)),
      new Endpoint(POST, "/users", Action.USERS_CREATE, AuthOperation.USERS_CREATE, 201, NewUser.class, User.class, doc("createUser", "Create a user", SITE_ADMINS, 400, 403, 409)),
      new Endpoint(PUT, "/users/:id", Action.USERS_UPDATE, AuthOperation.USERS_UPDATE, 200, UpdateUser.class, User.class, doc("updateUser", "Update a user", SITE_ADMINS + " Changing your own is_admin or is_active is 403; deactivating a user revokes all their tokens.", 400, 403, 404)),

      new Endpoint(GET, "/user-tokens", Action.USER_TOKENS_READ, AuthOperation.USER_TOKENS_LIST, 200, UserTokenFilters.class, page(UserToken.class), doc("allUserTokens", "List live user tokens", "Users only. A user sees their own; a site admin sees all. Naming another user in user_id is 403 for anyone but a site admin.", 400, 403)),
      new Endpoint(GET, "/user-tokens/:id", Action.USER_TOKENS_READ, AuthOperation.USER_TOKENS_GET, 200, Void.class, UserToken.class, doc("getUserToken", "Get a live user token", "Users only: their own, or any for a site admin.", 403, 404)),
      new Endpoint(POST, "/user-tokens", Action.USER_TOKENS_CREATE, AuthOperation.USER_TOKENS_CREATE, 201, NewUserToken.class, CreatedToken.class, doc("createUserToken", "Create a user token", "Users only: for themself, or a site admin for anyone. The answer is the only time the token is shown.", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/user-tokens/:id", Action.USER_TOKENS_REVOKE, AuthOperation.USER_TOKENS_REVOKE, 204, Void.class, Void.class, doc("deleteUserToken", "Revoke a user token", "Users only: their own (another user's is 404), or any for a site admin. Effective before the answer.", 403, 404)),

      new Endpoint(GET, "/bots", Action.BOTS_READ, AuthOperation.BOTS_LIST, 200, BotFilters.class, page(Bot.class), doc("allBots", "List bots", USERS_ONLY + " By name.", 400, 403)),
      new Endpoint(GET, "/bots/:id", Action.BOTS_READ, AuthOperation.BOTS_GET, 200, Void.class, Bot.class, doc("getBot", "Get a bot", USERS_ONLY + " A deleted bot is answered with deleted_at set.", 403, 404)),
      new Endpoint(POST, "/bots", Action.BOTS_CREATE, AuthOperation.BOTS_CREATE, 201, NewBot.class, Bot.class, doc("createBot", "Create a bot", SITE_ADMINS, 400, 403, 409)),
      new Endpoint(PUT, "/bots/:id", Action.BOTS_UPDATE, AuthOperation.BOTS_UPDATE, 200, UpdateBot.class, Bot.class, doc("updateBot", "Update a bot", SITE_ADMINS + " A deleted bot cannot be changed (409).", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/bots/:id", Action.BOTS_DELETE, AuthOperation.BOTS_DELETE, 204, Void.class, Void.class, doc("deleteBot", "Delete a bot", SITE_ADMINS + " Revokes its tokens and removes its grants; its id is retired for good.", 403, 404, 409)),

      new Endpoint(GET, "/bot-tokens", Action.BOT_TOKENS_READ, AuthOperation.BOT_TOKENS_LIST, 200, BotTokenFilters.class, page(BotToken.class), doc("allBotTokens", "List live bot tokens", SITE_ADMINS, 400, 403)),
      new Endpoint(GET, "/bot-tokens/:id", Action.BOT_TOKENS_READ, AuthOperation.BOT_TOKENS_GET, 200, Void.class, BotToken.class, doc("getBotToken", "Get a live bot token", SITE_ADMINS, 403, 404)),
      new Endpoint(POST, "/bot-tokens", Action.BOT_TOKENS_CREATE, AuthOperation.BOT_TOKENS_CREATE, 201, NewBotToken.class, CreatedToken.class, doc("createBotToken", "Create a bot token", SITE_ADMINS + " The answer is the only time the token is shown; a deleted bot gets none (409).", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/bot-tokens/:id", Action.BOT_TOKENS_REVOKE, AuthOperation.BOT_TOKENS_REVOKE, 204, Void.class, Void.class, doc("deleteBotToken", "Revoke a bot token", SITE_ADMINS + " Effective before the answer.", 403, 404)),

      new Endpoint(GET, "/envs", Action.ENVS_READ, AccessOperation.ENVS_LIST, 200, EnvFilters.class, page(Env.class), doc("allEnvs", "List envs", "The envs the caller may see, by name.", 400)),
      new Endpoint(GET, "/envs/:id", Action.ENVS_READ, AccessOperation.ENVS_GET, 200, Void.class, Env.class, doc("getEnv", "Get an env", "An env the caller may see.", 404)),
      new Endpoint(POST, "/envs", Action.ENVS_CREATE, AccessOperation.ENVS_CREATE, 201, NewEnv.class, Env.class, doc("createEnv", "Create an env", SITE_ADMINS + " The creator becomes the env's Admin.", 400, 403, 409)),
      new Endpoint(PUT, "/envs/:id", Action.ENVS_UPDATE, AccessOperation.ENVS_UPDATE, 200, UpdateEnv.class, Env.class, doc("updateEnv", "Update an env", "Site admins; the env's Admins for everything but name.", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/envs/:id", Action.ENVS_DELETE, AccessOperation.ENVS_DELETE, 204, Void.class, Void.class, doc("deleteEnv", "Delete an env", SITE_ADMINS + " Removes every grant in it; refused (409) while it has live deployments.", 403, 404, 409)),

      new Endpoint(GET, "/env-user-permissions", Action.ENV_ROLES_READ, AccessOperation.ENV_ROLES_LIST, 200, EnvUserPermissionFilters.class, page(EnvUserPermission.class), doc("allEnvUserPermissions", "List env roles", "In the envs the caller may see.", 400)),
      new Endpoint(GET, "/env-user-permissions/:id", Action.ENV_ROLES_READ, AccessOperation.ENV_ROLES_GET, 200, Void.class, EnvUserPermission.class, doc("getEnvUserPermission", "Get an env role", "In an env the caller may see.", 404)),
      new Endpoint(POST, "/env-user-permissions", Action.ENV_ROLES_GRANT, AccessOperation.ENV_ROLES_GRANT, 201, NewEnvUserPermission.class, EnvUserPermission.class, doc("createEnvUserPermission", "Grant an env role", ENV_ADMINS + " A user or bot holds one role per env (409).", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/env-user-permissions/:id", Action.ENV_ROLES_REMOVE, AccessOperation.ENV_ROLES_REMOVE, 204, Void.class, Void.class, doc("deleteEnvUserPermission", "Remove an env role", ENV_ADMINS + " Removing your own is 409.", 403, 404, 409)),

      new Endpoint(GET, "/deployment-kinds", Action.KINDS_READ, AccessOperation.KINDS_LIST, 200, DeploymentKindFilters.class, page(DeploymentKind.class), doc("allDeploymentKinds", "List deployment kinds", "Any identity. By name.", 400)),
      new Endpoint(GET, "/deployment-kinds/:id", Action.KINDS_READ, AccessOperation.KINDS_GET, 200, Void.class, DeploymentKind.class, doc("getDeploymentKind", "Get a deployment kind", "Any identity.", 404)),
      new Endpoint(POST, "/deployment-kinds", Action.KINDS_CREATE, AccessOperation.KINDS_CREATE, 201, NewDeploymentKind.class, DeploymentKind.class, doc("createDeploymentKind", "Create a deployment kind", SITE_ADMINS, 400, 403, 409)),
      new Endpoint(PUT, "/deployment-kinds/:id", Action.KINDS_UPDATE, AccessOperation.KINDS_UPDATE, 200, UpdateDeploymentKind.class, DeploymentKind.class, doc("updateDeploymentKind", "Update a deployment kind", SITE_ADMINS, 400, 403, 404, 409)),
      new Endpoint(DELETE, "/deployment-kinds/:id", Action.KINDS_DELETE, AccessOperation.KINDS_DELETE, 204, Void.class, Void.class, doc("deleteDeploymentKind", "Delete a deployment kind", SITE_ADMINS + " Removes its grants; refused (409) while deployments of the kind are live.", 403, 404, 409)),

      new Endpoint(GET, "/deployment-permissions", Action.DEPLOYMENT_ROLES_READ, AccessOperation.DEPLOYMENT_ROLES_LIST, 200, DeploymentPermissionFilters.class, page(DeploymentPermission.class), doc("allDeploymentPermissions", "List deployment roles", "In the envs the caller may see.", 400)),
      new Endpoint(GET, "/deployment-permissions/:id", Action.DEPLOYMENT_ROLES_READ, AccessOperation.DEPLOYMENT_ROLES_GET, 200, Void.class, DeploymentPermission.class, doc("getDeploymentPermission", "Get a deployment role", "In an env the caller may see.", 404)),
      new Endpoint(POST, "/deployment-permissions", Action.DEPLOYMENT_ROLES_GRANT, AccessOperation.DEPLOYMENT_ROLES_GRANT, 201, NewDeploymentPermission.class, DeploymentPermission.class, doc("createDeploymentPermission", "Grant a deployment role", ENV_ADMINS + " A user or bot holds one role per kind per env (409).", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/deployment-permissions/:id", Action.DEPLOYMENT_ROLES_REMOVE, AccessOperation.DEPLOYMENT_ROLES_REMOVE, 204, Void.class, Void.class, doc("deleteDeploymentPermission", "Remove a deployment role", ENV_ADMINS + " Removing your own is 409.", 403, 404, 409)),

      new Endpoint(GET, "/deployments", Action.DEPLOYMENTS_READ, DeploymentsOperation.LIST, 200, DeploymentFilters.class, page(Deployment.class), doc("allDeployments", "List deployments", LIST_DEPLOYMENTS, 400)),
      new Endpoint(GET, "/deployments/:id", Action.DEPLOYMENTS_READ, DeploymentsOperation.GET, 200, Void.class, Deployment.class, doc("getDeployment", "Get a deployment", "A deleted deployment is answered with deleted_at set.", 404)),
      new Endpoint(POST, "/deployments", Action.DEPLOYMENTS_CREATE, DeploymentsOperation.CREATE, 201, NewDeployment.class, Deployment.class, doc("createDeployment", "Create a deployment", KIND_OWNERS, 400, 403, 404, 409)),
      new Endpoint(PUT, "/deployments/:id", Action.DEPLOYMENTS_UPDATE, DeploymentsOperation.UPDATE, 200, UpdateDeployment.class, Deployment.class, doc("updateDeployment", "Update a deployment", "Maintainer or Owner of the kind in that env, the env's Admins, site admins.", 400, 403, 404, 409)),
      new Endpoint(DELETE, "/deployments/:id", Action.DEPLOYMENTS_DELETE, DeploymentsOperation.DELETE, 204, Void.class, Void.class, doc("deleteDeployment", "Delete a deployment", KIND_OWNERS + " Its credentials die with it.", 403, 404)),
      new Endpoint(POST, "/deployments/:id/credentials", Action.DEPLOYMENT_CREDENTIALS_CREATE, AuthOperation.DEPLOYMENT_TOKENS_CREATE, 201, Void.class, DeploymentCredential.class, doc("createDeploymentCredentials", "Create a deployment credential", CREATE_CREDENTIALS, 403, 404)),
      new Endpoint(DELETE, "/deployments/:id/credentials/:token_id", Action.DEPLOYMENT_CREDENTIALS_REVOKE, AuthOperation.DEPLOYMENT_TOKENS_REVOKE, 204, Void.class, Void.class, doc("deleteDeploymentCredential", "Revoke a deployment credential", REVOKE_CREDENTIAL, 403, 404)),

      new Endpoint(GET, "/deployment-tasks", Action.TASKS_READ, DeploymentsOperation.TASKS_LIST, 200, DeploymentTaskFilters.class, page(DeploymentTask.class), doc("allDeploymentTasks", "List deployment tasks", "The tasks of the deployments the caller may see, newest first. " + PAGE_LIMIT, 400)),
      new Endpoint(GET, "/deployment-tasks/:id", Action.TASKS_READ, DeploymentsOperation.TASKS_GET, 200, Void.class, DeploymentTask.class, doc("getDeploymentTask", "Get a deployment task", "A task of a deployment the caller may see.", 404)),
      new Endpoint(POST, "/deployment-tasks", Action.TASKS_CREATE, DeploymentsOperation.TASKS_CREATE, 201, NewDeploymentTask.class, DeploymentTask.class, doc("createDeploymentTask", "Create a deployment task", CREATE_TASK, 400, 403, 404)),
      new Endpoint(DELETE, "/deployment-tasks/:id", Action.TASKS_CANCEL, DeploymentsOperation.TASKS_CANCEL, 200, CancelDeploymentTask.class, DeploymentTask.class, doc("cancelDeploymentTask", "Cancel a Pending task", "Whoever created it, the env's Admins, site admins. Answers the canceled task; a task that is not Pending is 409. The body is optional.", 400, 403, 404, 409)),
      new Endpoint(PUT, "/deployment-tasks/:id", Action.TASKS_ADVANCE, DeploymentsOperation.TASKS_ADVANCE, 200, AdvanceDeploymentTask.class, DeploymentTask.class, doc("advanceDeploymentTask", "Report a task's progress", "The task's own deployment (with its credential) or a site admin. Status only moves forward (409 otherwise).", 400, 403, 404, 409)),

      new Endpoint(GET, "/audit-events", Action.AUDIT_READ, AuditOperation.LIST, 200, AuditEventFilters.class, page(AuditEvent.class), doc("allAuditEvents", "List audit events", LIST_AUDIT_EVENTS, 400, 403, 404)),
      AUDIT_STREAM,

      new Endpoint(POST, "/auth/check", Action.AUTH_CHECK, PermissionsOperation.CHECK, 200, AccessChecks.class, AccessCheckResults.class, doc("checkAccess", "Check what the caller may do, without doing it", CHECK_ACCESS, 400)));

  private Endpoints() {
  }
}
