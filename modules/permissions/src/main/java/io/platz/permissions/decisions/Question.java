package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.vertx.core.json.JsonObject;

/** Who asks, with the request's path and query parameters and its body, as the HTTP verticle sent them. */
public record Question(Identity who, JsonObject params, JsonObject body) {
}
