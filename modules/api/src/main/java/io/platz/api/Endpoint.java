package io.platz.api;

import io.platz.common.permissions.Action;
import io.vertx.core.http.HttpMethod;

/** One authenticated endpoint: the action the permissions module decides and the address that executes it. */
public record Endpoint(HttpMethod method, String path, Action action, String address, int status) {
}
