package io.platz.api;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.Command;
import io.platz.common.json.JsonBodies;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.Scope;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * The adapter from an HTTP request to the bus, the same for every endpoint: ask the permissions module whether
 * the caller may do the action, then hand the command to the module that owns the resource, and turn its answer
 * into the HTTP answer. Nothing here knows a rule.
 */
public final class Commands {

  private static final DeliveryOptions DECIDE = new DeliveryOptions().setSendTimeout(5_000);
  private static final DeliveryOptions EXECUTE = new DeliveryOptions().setSendTimeout(15_000);

  private final EventBus bus;

  public Commands(EventBus bus) {
    this.bus = bus;
  }

  /** A handler that decides {@code action}, then sends the command to {@code address}; answers {@code status}. */
  public Handler<RoutingContext> handle(Action action, String address, int status) {
    return ctx -> {
      if (!idParameterIsUuid(ctx)) {
        Failures.handleStatus(ctx, 404);
        return;
      }
      Identity caller = Identity.fromJson(ctx.user().principal());
      JsonObject params = params(ctx);
      JsonObject body = hasBody(ctx) ? JsonBodies.parseObject(ctx.body().buffer().getBytes()) : new JsonObject();
      JsonObject question = new JsonObject()
          .put("identity", caller.toJson())
          .put("action", action.name())
          .put("params", params)
          .put("body", body);
      bus.<JsonObject>request(Addresses.Permissions.DECIDE, question, DECIDE)
          .compose(decision -> {
            JsonObject scope = decision.body().getJsonObject("scope");
            Command command = new Command(caller, scope == null ? null : Scope.fromJson(scope), params, body);
            return bus.<Object>request(address, command.toJson(), EXECUTE);
          })
          .onSuccess(reply -> respond(ctx, status, reply.body()))
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
  private static JsonObject params(RoutingContext ctx) {
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
  private static boolean idParameterIsUuid(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null) {
      return true;
    }
    try {
      return id.length() == 36 && UUID.fromString(id) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
