package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.SameLoop;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import io.platz.common.permissions.Scope;
import io.platz.permissions.grants.GrantCommands;
import io.platz.permissions.grants.GrantFamily;
import io.platz.permissions.grants.GrantSet;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules for envs and what is in them, the same for users and bots: a site admin (a user) may do anything;
 * anyone else acts on what their grants allow and sees nothing else. What they cannot see is answered as not
 * found, what they see but may not do as forbidden. A deployment identity sees, in its own env, what its minter
 * lends it ({@link GrantSet#lentToDeployment}), sees no grants and changes nothing here: it only invokes actions.
 */
public final class EnvRules {

  private static final String ENV_ADMINS = "only an Admin of this env (or a site admin) may do this";

  private final EventBus bus;
  private final Pool pool;

  public EnvRules(EventBus bus, Pool pool) {
    this.bus = bus;
    this.pool = pool;
  }

  public Future<JsonObject> decide(Identity who, GrantSet grants, Action action, JsonObject params, JsonObject body) {
    return switch (action) {
      case ENVS_READ -> Decision.read(who.siteAdmin() ? Scope.ALL : grants.envScope());
      case ENV_ROLES_READ, DEPLOYMENT_ROLES_READ -> Decision.read(who.siteAdmin() ? Scope.ALL
          : who.isDeployment() ? Scope.NONE : grants.grantScope());
      case DEPLOYMENTS_READ, TASKS_READ -> Decision.read(who.siteAdmin() ? Scope.ALL : grants.deploymentScope());
      case AUDIT_READ -> readAudit(who, grants, params);
      case KINDS_READ -> Decision.read(Scope.ALL);
      case ENVS_CREATE, KINDS_CREATE, KINDS_UPDATE, KINDS_DELETE -> IdentityRules.siteAdmin(who);
      case ENVS_DELETE -> deleteEnv(who, grants, params);
      case ENVS_UPDATE -> updateEnv(who, grants, params, body);
      case ENV_ROLES_GRANT, DEPLOYMENT_ROLES_GRANT -> grant(who, grants, body);
      case ENV_ROLES_REMOVE -> remove(who, grants, GrantFamily.ENV_ROLE, params);
      case DEPLOYMENT_ROLES_REMOVE -> remove(who, grants, GrantFamily.DEPLOYMENT_ROLE, params);
      case DEPLOYMENTS_CREATE -> onKind(who, grants, Fields.body(body).requireUuid("env_id"),
          Fields.body(body).requireUuid("kind_id"), DeploymentRole.OWNER);
      case DEPLOYMENTS_UPDATE -> onDeployment(who, grants, params, DeploymentRole.MAINTAINER);
      case DEPLOYMENTS_DELETE, DEPLOYMENT_CREDENTIALS_CREATE, DEPLOYMENT_CREDENTIALS_REVOKE ->
          onDeployment(who, grants, params, DeploymentRole.OWNER);
      default -> throw new IllegalArgumentException(action + " is not an env action");
    };
  }

  private static Future<JsonObject> updateEnv(Identity who, GrantSet grants, JsonObject params, JsonObject body) {
    if (who.siteAdmin()) {
      return Decision.allow();
    }
    UUID env = Fields.parseUuid("id", params.getString("id"));
    if (!grants.seesEnv(env)) {
      return Decision.hidden("env");
    }
    if (!grants.isEnvAdmin(env)) {
      return Decision.deny(ENV_ADMINS);
    }
    return body.containsKey("name") ? Decision.deny("only site admins may rename an env") : Decision.allow();
  }

  /**
   * Site admins read every event; env Admins the events of their envs; nobody else any. An {@code env_id} filter
   * on an env outside an env Admin's is refused rather than answered empty: as not found where they cannot see the
   * env, as forbidden where they can.
   */
  private static Future<JsonObject> readAudit(Identity who, GrantSet grants, JsonObject params) {
    if (who.siteAdmin()) {
      return Decision.read(Scope.ALL);
    }
    List<UUID> administered = grants.envRoles().entrySet().stream()
        .filter(role -> role.getValue() == EnvRole.ADMIN).map(Map.Entry::getKey).toList();
    if (administered.isEmpty()) {
      return Decision.deny("only site admins and env Admins may read the audit trail");
    }
    Optional<UUID> filtered = Fields.query(params).uuid("env_id");
    if (filtered.isPresent() && !administered.contains(filtered.get())) {
      return grants.seesEnv(filtered.get()) ? Decision.deny(ENV_ADMINS) : Decision.hidden("env");
    }
    return Decision.read(Scope.envs(administered, List.of()));
  }

  /** Site admins only; to anyone who cannot even see the env it does not exist. */
  private static Future<JsonObject> deleteEnv(Identity who, GrantSet grants, JsonObject params) {
    if (who.siteAdmin()) {
      return Decision.allow();
    }
    UUID env = Fields.parseUuid("id", params.getString("id"));
    return grants.seesEnv(env) ? Decision.deny("only site admins may delete an env") : Decision.hidden("env");
  }

  /** Only env Admins grant, and an Admin holds every role there is in its env, so nobody grants above their own. */
  private static Future<JsonObject> grant(Identity who, GrantSet grants, JsonObject body) {
    return envAdmin(who, grants, Fields.body(body).requireUuid("env_id"));
  }

  private Future<JsonObject> remove(Identity who, GrantSet grants, GrantFamily family, JsonObject params) {
    UUID id = Fields.parseUuid("id", params.getString("id"));
    return GrantCommands.locate(pool, family, id).compose(grant -> {
      UUID env = grant.getUUID("env_id");
      if (!who.siteAdmin() && !grants.seesEnv(env)) {
        return Decision.hidden("permission");
      }
      if (isOwn(who, grant)) {
        return Future.failedFuture(ApiError.conflict("you cannot remove your own permission"));
      }
      return envAdmin(who, grants, env);
    });
  }

  private static Future<JsonObject> envAdmin(Identity who, GrantSet grants, UUID env) {
    if (who.siteAdmin()) {
      return Decision.allow();
    }
    if (!grants.seesEnv(env)) {
      return Decision.hidden("env");
    }
    return grants.isEnvAdmin(env) ? Decision.allow() : Decision.deny(ENV_ADMINS);
  }

  /** Acting on deployments of a kind in an env: the role on the kind, or env Admin, or site admin. */
  static Future<JsonObject> onKind(Identity who, GrantSet grants, UUID env, UUID kind, DeploymentRole required) {
    if (who.siteAdmin() || grants.isEnvAdmin(env)) {
      return Decision.allow();
    }
    if (!grants.seesEnv(env)) {
      return Decision.hidden("env");
    }
    if (who.isDeployment()) {
      return Decision.deny("a deployment may only invoke actions");
    }
    boolean holds = grants.kindRole(env, kind).map(role -> role.covers(required)).orElse(false);
    return holds ? Decision.allow()
        : Decision.deny("you need the " + required.jsonName() + " role on this deployment kind in this env");
  }

  private Future<JsonObject> onDeployment(Identity who, GrantSet grants, JsonObject params, DeploymentRole required) {
    UUID id = Fields.parseUuid("id", params.getString("id"));
    return bus.<JsonObject>request(SameLoop.address(Addresses.Deployments.LOCATE), new JsonObject().put("id", id.toString()))
        .compose(reply -> {
          UUID env = UUID.fromString(reply.body().getString("env_id"));
          UUID kind = UUID.fromString(reply.body().getString("kind_id"));
          Scope visible = grants.deploymentScope();
          if (!who.siteAdmin() && !sees(visible, env, kind)) {
            return Decision.hidden("deployment");
          }
          return onKind(who, grants, env, kind, required);
        });
  }

  static boolean sees(Scope scope, UUID env, UUID kind) {
    return scope.all() || scope.envIds().contains(env) || scope.envKinds().contains(new Scope.EnvKind(env, kind));
  }

  private static boolean isOwn(Identity who, Row grant) {
    UUID subject = grant.getUUID("user_id") != null ? grant.getUUID("user_id") : grant.getUUID("bot_id");
    return who.id().equals(subject);
  }
}
