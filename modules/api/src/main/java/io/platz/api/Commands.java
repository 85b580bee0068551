package io.platz.api;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Operation;
import io.platz.common.json.JsonBodies;
import io.platz.common.permissions.Action;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * The adapter from an HTTP request to the bus, the same for every endpoint of the JSON API: the path, query and
 * body become a command that the {@link Gateway} has decided and executed; its answer becomes the HTTP answer.
 * Nothing here knows a rule.
 */
public final class Commands {

  private final Gateway gateway;

  public Commands(Gateway gateway) {
    this.gateway = gateway;
  }

  /** A handler that has {@code action} done by {@code operation}; answers {@code status}. */
  public Handler<RoutingContext> handle(Action action, Operation operation, int status) {
    return ctx -> {
      if (!idParametersAreUuids(ctx)) {
        Failures.handleStatus(ctx, 404);
        return;
      }
      Identity caller = Identity.fromJson(ctx.user().principal());
      JsonObject body = hasBody(ctx) ? JsonBodies.parseObject(ctx.body().buffer().getBytes()) : new JsonObject();
      gateway.perform(caller, action, operation, params(ctx), body)
          .onSuccess(answer -> respond(ctx, status, answer))
          .onFailure(ctx::fail);
    };
  }

  /** The body is JSON: a module's answer arrives already encoded (a Buffer), others are JSON objects. */
  static void respond(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("cache-control", "no-store");
    if (status == 204 || body == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("content-type", "application/json")
          .end(body instanceof Buffer encoded ? encoded : Buffer.buffer(body.toString()));
    }
  }

  /** Path parameters and query parameters as strings; a query parameter given twice arrives as an array. */
  static JsonObject params(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    for (String name : ctx.queryParams().names()) {
      List<String> values = ctx.queryParams().getAll(name);
      params.put(name, values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values)));
    }
    ctx.pathParams().forEach(params::put);
    return params;
  }

  private static boolean hasBody(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    return (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE) && ctx.body().buffer() != null;
  }

  /** A resource id that is not a UUID names no resource: 404, as for any other unknown id. */
  private static boolean idParametersAreUuids(RoutingContext ctx) {
    return ctx.pathParams().values().stream().allMatch(Commands::isUuid);
  }

  private static boolean isUuid(String id) {
    try {
      return id.length() == 36 && UUID.fromString(id) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
