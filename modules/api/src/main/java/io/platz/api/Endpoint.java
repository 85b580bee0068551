package io.platz.api;

import io.platz.common.bus.Operation;
import io.platz.common.permissions.Action;
import io.vertx.core.http.HttpMethod;

/** One authenticated endpoint: the action the permissions module decides and the module operation that executes it. */
public record Endpoint(HttpMethod method, String path, Action action, Operation operation, int status) {
}
