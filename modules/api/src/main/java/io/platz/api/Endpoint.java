package io.platz.api;

import io.platz.common.bus.Operation;
import io.platz.common.permissions.Action;
import io.vertx.core.http.HttpMethod;
import java.lang.reflect.Type;

/**
 * One authenticated endpoint: the action the permissions module decides, the module operation that executes it, and
 * what the OpenAPI document says of it. {@code input} is the record of its query parameters for a GET and of its body
 * otherwise ({@code Void} for none); {@code output} the record of its answer ({@code Void} for none).
 */
public record Endpoint(HttpMethod method, String path, Action action, Operation operation, int status, Class<?> input,
                       Type output, OperationDoc doc) {
}
