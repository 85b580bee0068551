package io.platz.permissions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.permissions.Action;
import io.platz.permissions.decisions.IdentityRules;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Decides, over the event bus, whether an identity may do an action, and what it may see. */
public final class PermissionsVerticle extends ModuleVerticle {

  private IdentityRules identityRules;

  public PermissionsVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected String healthAddress() {
    return Addresses.Permissions.HEALTH;
  }

  @Override
  protected Future<?> register() {
    identityRules = new IdentityRules(vertx.eventBus());
    serve(Addresses.Permissions.DECIDE, this::decide);
    return Future.succeededFuture();
  }

  private Future<JsonObject> decide(JsonObject request) {
    Identity who = Identity.fromJson(request.getJsonObject("identity"));
    Action action = Action.valueOf(request.getString("action"));
    JsonObject params = request.getJsonObject("params", new JsonObject());
    JsonObject body = request.getJsonObject("body", new JsonObject());
    return identityRules.decide(who, action, params, body);
  }
}
