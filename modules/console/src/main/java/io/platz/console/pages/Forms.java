package io.platz.console.pages;

import io.platz.common.error.ApiError;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Reading form fields and path parameters; a malformed id names nothing, like an unknown one. */
final class Forms {

  private Forms() {
  }

  /** A form field as typed (names are checked by the API, spaces included), or null when empty. */
  static String field(RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    return value == null || value.isEmpty() ? null : value;
  }

  static boolean checked(RoutingContext ctx, String name) {
    return field(ctx, name) != null;
  }

  /** A UUID path parameter, or 404. */
  static String id(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    try {
      if (value != null && value.length() == 36) {
        return UUID.fromString(value).toString();
      }
    } catch (IllegalArgumentException e) {
      // answered below, as an unknown id
    }
    throw new ApiError(404, "no such resource");
  }

  /** A query parameter that must be a UUID when given; anything else is ignored, like a filter left empty. */
  static String uuidParam(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    try {
      return value == null || value.length() != 36 ? null : UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static int page(RoutingContext ctx) {
    try {
      return Math.max(1, Math.min(1_000_000, Integer.parseInt(ctx.queryParams().get("page"))));
    } catch (RuntimeException e) {
      return 1;
    }
  }

  static boolean htmx(RoutingContext ctx) {
    return ctx.request().getHeader("HX-Request") != null;
  }

  /** The origin the browser used, for the curl example under a new token. */
  static String origin(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    String host = authority == null ? "localhost" : authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    return ctx.request().scheme() + "://" + host;
  }
}
