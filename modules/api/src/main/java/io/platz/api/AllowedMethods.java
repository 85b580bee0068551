package io.platz.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers a method a path does not have with 405 and an {@code Allow} header naming the ones it has (RFC 9110),
 * before authentication: which methods a path has is public (the OpenAPI document lists them), and Vert.x's own
 * 405 says neither which ones nor, for a path with a single unauthenticated route, anything but 404.
 */
final class AllowedMethods {

  private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();

  AllowedMethods add(HttpMethod method, String path) {
    methodsByPath.computeIfAbsent(path, any -> new TreeSet<>()).add(method.name());
    return this;
  }

  /** Mount before the routes themselves; a request with an allowed method goes on untouched. */
  void mount(Router router) {
    methodsByPath.forEach((path, methods) -> {
      String allow = String.join(", ", methods);
      router.route(path).handler(ctx -> {
        if (methods.contains(ctx.request().method().name())) {
          ctx.next();
        } else {
          ctx.response().putHeader("allow", allow);
          Failures.handleStatus(ctx, 405);
        }
      });
    });
  }
}
