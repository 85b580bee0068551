package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.SameLoop;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.DeploymentRole;
import io.platz.permissions.envs.KindCache;
import io.platz.permissions.grants.GrantSet;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/**
 * Who may create, cancel and advance deployment tasks. Install and Uninstall need Owner; Upgrade and Reinstall
 * Maintainer; InvokeAction the role its action names on the deployment's kind. Env Admins and site admins always
 * pass. A deployment identity acts as a Maintainer on the deployments its minter lends it, and only invokes actions.
 */
public final class TaskRules {

  private final EventBus bus;
  private final Pool pool;
  private final KindCache kinds;

  public TaskRules(EventBus bus, Pool pool, KindCache kinds) {
    this.bus = bus;
    this.pool = pool;
    this.kinds = kinds;
  }

  public Future<JsonObject> decide(Identity who, GrantSet grants, Action action, JsonObject params, JsonObject body) {
    return switch (action) {
      case TASKS_CREATE -> create(who, grants, body);
      case TASKS_CANCEL -> cancel(who, grants, params);
      case TASKS_ADVANCE -> advance(who, grants, params);
      default -> throw new IllegalArgumentException(action + " is not a task action");
    };
  }

  private Future<JsonObject> create(Identity who, GrantSet grants, JsonObject body) {
    UUID deployment = Fields.body(body).requireUuid("deployment_id");
    TaskOperation operation = TaskOperation.from(body);
    return locate(Addresses.Deployments.LOCATE, deployment).compose(where -> {
      UUID env = UUID.fromString(where.getString("env_id"));
      UUID kind = UUID.fromString(where.getString("kind_id"));
      if (!sees(who, grants, env, kind)) {
        return Decision.hidden("deployment");
      }
      Future<DeploymentRole> required = operation.actionId() == null
          ? Future.succeededFuture(operation.fixedRole())
          : kinds.allowedRole(pool, kind, operation.actionId());
      return required.compose(role -> who.isDeployment()
          ? deploymentActs(operation, role)
          : EnvRules.onKind(who, grants, env, kind, role));
    });
  }

  /** A deployment's own credential: actions a Maintainer may invoke, where its minter lends it (checked before). */
  private static Future<JsonObject> deploymentActs(TaskOperation operation, DeploymentRole required) {
    if (operation.actionId() == null) {
      return Decision.deny("a deployment may only invoke actions");
    }
    return DeploymentRole.MAINTAINER.covers(required) ? Decision.allow()
        : Decision.deny("this action needs the Owner role, which a deployment does not hold");
  }

  /** Whoever created the task, an env Admin or a site admin. */
  private Future<JsonObject> cancel(Identity who, GrantSet grants, JsonObject params) {
    return locateTask(params).compose(task -> {
      UUID env = UUID.fromString(task.getString("env_id"));
      if (!sees(who, grants, env, UUID.fromString(task.getString("kind_id")))) {
        return Decision.hidden("deployment task");
      }
      String creator = task.getString(switch (who.kind()) {
        case USER -> "acting_user_id";
        case BOT -> "acting_bot_id";
        case DEPLOYMENT -> "acting_deployment_id";
      });
      boolean own = who.id().toString().equals(creator);
      return own || who.siteAdmin() || grants.isEnvAdmin(env) ? Decision.allow()
          : Decision.deny("only whoever created a task, an env Admin or a site admin may cancel it");
    });
  }

  /** Progress is reported by the deployment the task is for (its own credential), or by a site admin. */
  private Future<JsonObject> advance(Identity who, GrantSet grants, JsonObject params) {
    return locateTask(params).compose(task -> {
      if (who.siteAdmin() || (who.isDeployment() && who.id().toString().equals(task.getString("deployment_id")))) {
        return Decision.allow();
      }
      return sees(who, grants, UUID.fromString(task.getString("env_id")), UUID.fromString(task.getString("kind_id")))
          ? Decision.deny("only the task's own deployment or a site admin may report its progress")
          : Decision.hidden("deployment task");
    });
  }

  private static boolean sees(Identity who, GrantSet grants, UUID env, UUID kind) {
    return who.siteAdmin() || EnvRules.sees(grants.deploymentScope(), env, kind);
  }

  private Future<JsonObject> locateTask(JsonObject params) {
    return locate(Addresses.Deployments.TASKS_LOCATE, Fields.parseUuid("id", params.getString("id")));
  }

  private Future<JsonObject> locate(String address, UUID id) {
    return bus.<JsonObject>request(SameLoop.address(address), new JsonObject().put("id", id.toString()), SameLoop.LOCAL).map(reply -> reply.body());
  }
}
