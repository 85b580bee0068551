package io.platz.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers a method a path does not have with 405 and an {@code Allow} header naming the ones it has (RFC 9110),
 * before authentication: which methods a path has is public (the OpenAPI document lists them), and Vert.x's own
 * 405 says neither which ones nor, for a path with a single unauthenticated route, anything but 404.
 *
 * <p>One route for all paths, which finds the request's path among those of its length segment by segment: a route
 * per path (as before) had every API request matched against some thirty routes, several of them regular
 * expressions, before it reached its own; that was a seventh of a cached token check's CPU (docs/performance.md).
 */
final class AllowedMethods {

  private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();

  AllowedMethods add(HttpMethod method, String path) {
    methodsByPath.computeIfAbsent(path, any -> new TreeSet<>()).add(method.name());
    return this;
  }

  /** Mount before the routes themselves; a request with an allowed method, or a path not listed, goes on untouched. */
  void mount(Router router) {
    Map<Integer, List<PathTemplate>> bySegments = new HashMap<>();
    methodsByPath.forEach((path, methods) -> {
      PathTemplate template = new PathTemplate(path.substring(1).split("/"), Set.copyOf(methods), String.join(", ", methods));
      bySegments.computeIfAbsent(template.segments().length, any -> new ArrayList<>()).add(template);
    });
    router.route().handler(ctx -> {
      PathTemplate template = find(bySegments, pathWithin(ctx));
      if (template == null || template.methods().contains(ctx.request().method().name())) {
        ctx.next();
      } else {
        ctx.response().putHeader("allow", template.allow());
        Failures.handleStatus(ctx, 405);
      }
    });
  }

  /** The request's path below the router's mount point, without the one trailing slash a route ignores too. */
  private static String pathWithin(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String mountPoint = ctx.mountPoint();
    if (mountPoint != null && path.startsWith(mountPoint)) {
      path = path.substring(mountPoint.endsWith("/") ? mountPoint.length() - 1 : mountPoint.length());
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static PathTemplate find(Map<Integer, List<PathTemplate>> bySegments, String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    String[] segments = path.substring(1).split("/", -1);
    for (PathTemplate template : bySegments.getOrDefault(segments.length, List.of())) {
      if (template.matches(segments)) {
        return template;
      }
    }
    return null;
  }

  /** A route's path as segments; a {@code :name} segment stands for any one non-empty segment, as in Vert.x. */
  private record PathTemplate(String[] segments, Set<String> methods, String allow) {

    boolean matches(String[] path) {
      for (int i = 0; i < segments.length; i++) {
        boolean parameter = segments[i].startsWith(":");
        if (parameter ? path[i].isEmpty() : !segments[i].equals(path[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
