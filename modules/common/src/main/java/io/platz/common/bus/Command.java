package io.platz.common.bus;

import io.platz.common.auth.Identity;
import io.platz.common.permissions.Scope;
import io.vertx.core.json.JsonObject;

/**
 * A request to a module, as the HTTP verticle sends it once the caller is authenticated and the permissions
 * module has allowed it: who acts, what they may see (for reads), the path and query parameters (strings)
 * and the JSON body (may be empty). It travels by reference: no one changes it once sent.
 */
public record Command(Identity actor, Scope scope, JsonObject params, JsonObject body) {
}
