package io.platz.permissions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.permissions.Action;
import io.platz.permissions.checks.AccessChecks;
import io.platz.permissions.decisions.FactLoader;
import io.platz.permissions.decisions.Question;
import io.platz.permissions.decisions.Rules;
import io.platz.permissions.decisions.Verdict;
import io.platz.permissions.envs.KindCache;
import io.platz.permissions.grants.GrantCache;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Decides, over the event bus, whether an identity may do an action and what it may see: it loads the facts the
 * action's rule needs ({@link FactLoader}), then the rule decides on them alone ({@link Rules}). Grants and the
 * roles of kinds' actions are read through the process's caches, so a decision usually needs no database of its own.
 */
public final class PermissionsVerticle extends ModuleVerticle {

  private final GrantCache grants;
  private final KindCache kinds;
  private FactLoader facts;

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
    facts = new FactLoader(vertx.eventBus(), pool, grants, kinds);
    serve(Addresses.Permissions.DECIDE, this::decide);
    serveCommand(Addresses.Permissions.CHECK, new AccessChecks(facts)::answer);
    return Future.succeededFuture();
  }

  private Future<JsonObject> decide(JsonObject request) {
    Question question = new Question(Identity.fromJson(request.getJsonObject("identity")),
        request.getJsonObject("params", new JsonObject()), request.getJsonObject("body", new JsonObject()));
    Action action = Action.valueOf(request.getString("action"));
    return Rules.of(action).apply(facts, question).compose(Verdict::reply);
  }
}
