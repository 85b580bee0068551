package io.platz.api;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.Command;
import io.platz.common.bus.SameLoop;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * How any adapter (the JSON API, the admin console) has something done: ask the permissions module whether the
 * caller may do the action, then hand the command to the module that owns the resource. The answer is the
 * module's JSON, encoded; a refusal fails with the status it maps to.
 */
public final class Gateway {

  private static final DeliveryOptions DECIDE = SameLoop.local(5_000);
  private static final DeliveryOptions EXECUTE = SameLoop.local(15_000);

  private final EventBus bus;

  public Gateway(EventBus bus) {
    this.bus = bus;
  }

  public Future<Buffer> perform(Identity caller, Action action, String address, JsonObject params, JsonObject body) {
    return ask(caller, action, params, body)
        .compose(decision -> {
          JsonObject scope = decision.getJsonObject("scope");
          Command command = new Command(caller, scope == null ? null : Scope.fromJson(scope), params, body);
          return bus.<Object>request(SameLoop.address(address), command.toJson(), EXECUTE);
        })
        .map(reply -> reply.body() instanceof Buffer encoded ? encoded
            : reply.body() == null ? null : Buffer.buffer(reply.body().toString()));
  }

  /**
   * Only the question, nothing done: succeeds if the caller may do the action, fails with the refusal (403, or 404
   * for what the caller cannot see) otherwise. The console asks it to offer only what would be allowed.
   */
  public Future<Void> decide(Identity caller, Action action, JsonObject params, JsonObject body) {
    return ask(caller, action, params, body).mapEmpty();
  }

  /**
   * What the caller may see by a read {@code action} with these parameters, as the permissions module decides it
   * for the read itself: for an adapter that filters what it pushes (the audit stream), not only what it reads.
   */
  public Future<Scope> scope(Identity caller, Action action, JsonObject params) {
    return ask(caller, action, params, new JsonObject()).map(decision -> Scope.fromJson(decision.getJsonObject("scope")));
  }

  private Future<JsonObject> ask(Identity caller, Action action, JsonObject params, JsonObject body) {
    JsonObject question = new JsonObject()
        .put("identity", caller.toJson())
        .put("action", action.name())
        .put("params", params)
        .put("body", body);
    return bus.<JsonObject>request(SameLoop.address(Addresses.Permissions.DECIDE), question, DECIDE).map(reply -> reply.body());
  }

  /** The same, for a module's JSON object answer (null for 204s). */
  public Future<JsonObject> performJson(Identity caller, Action action, String address, JsonObject params, JsonObject body) {
    return perform(caller, action, address, params, body).map(answer -> answer == null ? null : new JsonObject(answer));
  }
}
