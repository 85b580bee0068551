package io.platz.common.bus;

import io.platz.common.auth.Identity;
import io.platz.common.permissions.Scope;
import io.vertx.core.json.JsonObject;

/**
 * A request to a module, as the HTTP verticle sends it once the caller is authenticated and the permissions
 * module has allowed it: who acts, what they may see (for reads), the path and query parameters (strings)
 * and the JSON body (may be empty).
 */
public record Command(Identity actor, Scope scope, JsonObject params, JsonObject body) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("actor", actor.toJson())
        .put("scope", scope == null ? null : scope.toJson())
        .put("params", params)
        .put("body", body);
  }

  public static Command fromJson(JsonObject json) {
    JsonObject scope = json.getJsonObject("scope");
    return new Command(
        Identity.fromJson(json.getJsonObject("actor")),
        scope == null ? null : Scope.fromJson(scope),
        json.getJsonObject("params", new JsonObject()),
        json.getJsonObject("body", new JsonObject()));
  }
}
