package io.platz.api;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleBus;
import io.platz.common.bus.Operation;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.PermissionsRequests.Decide;
import io.platz.common.permissions.PermissionsRequests.Decision;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * How any adapter (the JSON API, the admin console) has something done: ask the permissions module whether the
 * caller may do the action, then hand the command to the module that owns the operation. The answer is the
 * module's JSON, encoded; a refusal fails with the {@link io.platz.common.error.ApiError} it maps to.
 */
public final class Gateway {

  private final ModuleBus bus;

  public Gateway(ModuleBus bus) {
    this.bus = bus;
  }

  public Future<Buffer> perform(Identity caller, Action action, Operation operation, JsonObject params, JsonObject body) {
    return decide(caller, action, params, body)
        .compose(decision -> bus.ask(operation.with(new Command(caller, decision.scope(), params, body))));
  }

  /**
   * Only the question, nothing done: succeeds if the caller may do the action, fails with the refusal (403, or 404
   * for what the caller cannot see) otherwise. The console asks it to offer only what would be allowed; a read's
   * decision carries what the caller may see, for an adapter that filters what it pushes (the audit stream).
   */
  public Future<Decision> decide(Identity caller, Action action, JsonObject params, JsonObject body) {
    return bus.ask(new Decide(caller, action, params, body));
  }

  /** What the caller may see by a read {@code action} with these parameters, as decided for the read itself. */
  public Future<Scope> scope(Identity caller, Action action, JsonObject params) {
    return decide(caller, action, params, new JsonObject()).map(Decision::scope);
  }

  /** The same, for a module's JSON object answer (null for 204s). */
  public Future<JsonObject> performJson(Identity caller, Action action, Operation operation, JsonObject params, JsonObject body) {
    return perform(caller, action, operation, params, body).map(answer -> answer == null ? null : new JsonObject(answer));
  }
}
