package io.platz.permissions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.permissions.Action;
import io.platz.permissions.decisions.EnvRules;
import io.platz.permissions.decisions.IdentityRules;
import io.platz.permissions.decisions.TaskRules;
import io.platz.permissions.envs.KindCache;
import io.platz.permissions.grants.GrantCache;
import io.platz.permissions.grants.GrantSet;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Decides, over the event bus, whether an identity may do an action and what it may see. Grants and the roles of
 * kinds' actions are read through the process's caches, so a decision usually needs no database of its own.
 */
public final class PermissionsVerticle extends ModuleVerticle {

  private final GrantCache grants;
  private final KindCache kinds;
  private IdentityRules identityRules;
  private EnvRules envRules;
  private TaskRules taskRules;

  public PermissionsVerticle(ModuleContext context, GrantCache grants, KindCache kinds) {
    super(context);
    this.grants = grants;
    this.kinds = kinds;
  }

  @Override
  protected String healthAddress() {
    return Addresses.Permissions.HEALTH;
  }

  @Override
  protected Future<?> register() {
    identityRules = new IdentityRules(vertx.eventBus());
    envRules = new EnvRules(vertx.eventBus(), pool);
    taskRules = new TaskRules(vertx.eventBus(), pool, kinds);
    serve(Addresses.Permissions.DECIDE, this::decide);
    return Future.succeededFuture();
  }

  private Future<JsonObject> decide(JsonObject request) {
    Identity who = Identity.fromJson(request.getJsonObject("identity"));
    Action action = Action.valueOf(request.getString("action"));
    JsonObject params = request.getJsonObject("params", new JsonObject());
    JsonObject body = request.getJsonObject("body", new JsonObject());
    if (action.isIdentityAction()) {
      return identityRules.decide(who, action, params, body);
    }
    return held(who).compose(set -> action.isTaskWrite()
        ? taskRules.decide(who, set, action, params, body)
        : envRules.decide(who, set, action, params, body));
  }

  /** A deployment credential holds what its minter lends it, so it reaches no further than the minter. */
  private Future<GrantSet> held(Identity who) {
    if (who.siteAdmin()) {
      return Future.succeededFuture(GrantSet.NONE);
    }
    if (who.isDeployment()) {
      return grants.grantsOf(pool, who.minter().id()).map(minter -> minter.lentToDeployment(who.envId(), who.minter().siteAdmin()));
    }
    return grants.grantsOf(pool, who.id());
  }
}
