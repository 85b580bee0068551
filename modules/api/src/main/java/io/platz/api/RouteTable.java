package io.platz.api;

import io.platz.common.error.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A router's paths, each with the handler of each of its methods, found by the request's path segment by segment.
 * A method a path does not have is answered 405 with an {@code Allow} header naming the ones it has (RFC 9110),
 * before authentication: which methods a path has is public (the OpenAPI document lists them), and Vert.x's own 405
 * says neither which ones nor, for a path with a single unauthenticated route, anything but 404.
 *
 * <p>Three routes in all, on the root router, instead of a route per path behind a sub-router for the API: a request
 * was matched against every route registered before its own, many of them regular expressions, which for a page of
 * deployments was a sixth of its CPU samples (a twentieth with the table), and the sub-router's walk cost a cached
 * token check about a sixth of its CPU (docs/performance.md). A {@code :name} segment stands for any one
 * non-empty segment, as in Vert.x, and becomes a path parameter; where a path matches two templates that both have
 * the request's method, the one with a literal segment first wins.
 */
final class RouteTable {

  /** The handler found for the request, once its path and method are known, for the route after authentication. */
  private static final String FOUND = "platz.route";
  private static final ApiError MALFORMED_PATH = ApiError.badRequest("the path has a malformed percent escape");

  private record Answer(Handler<RoutingContext> handler, boolean authenticated) {
  }

  private final Map<String, Map<String, Answer>> answersByPath = new LinkedHashMap<>();

  /** A handler that runs before authentication: for what anyone may read. */
  RouteTable open(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return add(method, path, new Answer(handler, false));
  }

  /** A handler that runs once the authentication handler given to {@link #mount(Router, String, Handler)} lets it by. */
  RouteTable authenticated(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return add(method, path, new Answer(handler, true));
  }

  private RouteTable add(HttpMethod method, String path, Answer answer) {
    if (answersByPath.computeIfAbsent(path, any -> new TreeMap<>()).put(method.name(), answer) != null) {
      throw new IllegalArgumentException(method + " " + path + " is in the table twice");
    }
    return this;
  }

  /**
   * Mounts the table on the root {@code router}: a route that finds the path and answers 405 or runs an open handler;
   * then {@code authentication}, for a request whose authenticated handler was found or whose path is {@code base}
   * or below it (so that a path the table does not have there is a 401 without a credential and a 404 with one);
   * then a route that runs the handler found. Any other request goes on to the router's next routes untouched.
   */
  void mount(Router router, String base, Handler<RoutingContext> authentication) {
    Map<Integer, List<PathTemplate>> bySegments = templatesBySegments();
    router.route().handler(ctx -> find(bySegments, ctx));
    router.route().handler(ctx -> {
      if (ctx.get(FOUND) != null || isWithin(ctx.normalizedPath(), base)) {
        authentication.handle(ctx);
      } else {
        ctx.next();
      }
    });
    router.route().handler(ctx -> {
      Handler<RoutingContext> found = ctx.get(FOUND);
      if (found == null) {
        ctx.next();
      } else {
        found.handle(ctx);
      }
    });
  }

  private static boolean isWithin(String path, String base) {
    return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
  }

  private Map<Integer, List<PathTemplate>> templatesBySegments() {
    Map<Integer, List<PathTemplate>> bySegments = new HashMap<>();
    answersByPath.forEach((path, answers) -> {
      PathTemplate template = PathTemplate.of(path, answers);
      bySegments.computeIfAbsent(template.segments().length, any -> new ArrayList<>()).add(template);
    });
    bySegments.values().forEach(templates -> templates.sort(PathTemplate.LITERALS_FIRST));
    return bySegments;
  }

  /**
   * Among the templates the path matches (literals first), the first with the request's method; if none has it, a
   * 405 naming the methods they have. A path that is not valid (a malformed percent escape, which Vert.x reads only
   * when a route first asks for the path) is a 400.
   */
  private static void find(Map<Integer, List<PathTemplate>> bySegments, RoutingContext ctx) {
    String path;
    try {
      path = withoutTrailingSlash(ctx.normalizedPath());
    } catch (IllegalArgumentException malformed) {
      Failures.respond(ctx, MALFORMED_PATH);
      return;
    }
    String method = ctx.request().method().name();
    Set<String> allowed = null;
    for (PathTemplate template : candidates(bySegments, path)) {
      if (!template.matches(path)) {
        continue;
      }
      Answer answer = template.answers().get(method);
      if (answer != null) {
        run(template, answer, path, ctx);
        return;
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.addAll(template.answers().keySet());
    }
    if (allowed == null) {
      ctx.next();
    } else {
      ctx.response().putHeader("allow", String.join(", ", allowed));
      Failures.handleStatus(ctx, 405);
    }
  }

  private static void run(PathTemplate template, Answer answer, String path, RoutingContext ctx) {
    try {
      template.putParameters(path, ctx.pathParams());
    } catch (IllegalArgumentException malformed) {
      // an escape Vert.x's normalisation lets by and a decoder does not, such as %+1
      Failures.respond(ctx, MALFORMED_PATH);
      return;
    }
    if (answer.authenticated()) {
      ctx.put(FOUND, answer.handler());
      ctx.next();
    } else {
      answer.handler().handle(ctx);
    }
  }

  /** The one trailing slash a route ignores too. */
  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * The templates with as many segments as the path, to be compared with it in place: splitting every request's
   * path was a twentieth of a refused token's CPU samples.
   */
  private static List<PathTemplate> candidates(Map<Integer, List<PathTemplate>> bySegments, String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return List.of();
    }
    int count = 1;
    for (int at = path.indexOf('/', 1); at >= 0; at = path.indexOf('/', at + 1)) {
      count++;
    }
    return bySegments.getOrDefault(count, List.of());
  }

  /** {@code parameters[i]} is the name of segment i if it is a parameter, null if it is a literal. */
  private record PathTemplate(String[] segments, String[] parameters, Map<String, Answer> answers) {

    static PathTemplate of(String path, Map<String, Answer> answers) {
      String[] segments = path.substring(1).split("/");
      String[] parameters = new String[segments.length];
      for (int i = 0; i < segments.length; i++) {
        parameters[i] = segments[i].startsWith(":") ? segments[i].substring(1) : null;
      }
      return new PathTemplate(segments, parameters, Map.copyOf(answers));
    }

    /** Segment by segment, a literal before a parameter. */
    static final Comparator<PathTemplate> LITERALS_FIRST = (a, b) -> {
      for (int i = 0; i < a.segments.length; i++) {
        int order = Boolean.compare(a.parameters[i] != null, b.parameters[i] != null);
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };

    /** For a path of as many segments as this template: a literal equal, a parameter not empty. */
    boolean matches(String path) {
      int from = 1;
      for (int i = 0; i < segments.length; i++) {
        int end = segmentEnd(path, from);
        boolean matches = parameters[i] != null ? end > from
            : end - from == segments[i].length() && path.startsWith(segments[i], from);
        if (!matches) {
          return false;
        }
        from = end + 1;
      }
      return true;
    }

    /**
     * The template's parameters only, as a route of its own would have (a wildcard route before it, such as the
     * body handler's, leaves its {@code *} there), decoded as Vert.x decodes them: percent escapes only, a {@code +}
     * stays a plus.
     */
    void putParameters(String path, Map<String, String> values) {
      values.clear();
      int from = 1;
      for (String parameter : parameters) {
        int end = segmentEnd(path, from);
        if (parameter != null) {
          values.put(parameter, decode(path.substring(from, end)));
        }
        from = end + 1;
      }
    }

    private static int segmentEnd(String path, int from) {
      int end = path.indexOf('/', from);
      return end < 0 ? path.length() : end;
    }

    private static String decode(String segment) {
      return segment.indexOf('%') < 0 ? segment : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
