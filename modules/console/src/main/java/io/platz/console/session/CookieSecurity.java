package io.platz.console.session;

import io.platz.common.config.ConsoleConfig.SecureCookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether the console's cookies are marked {@code Secure}, so that browsers send them over https only: always,
 * never, or ({@code auto}) when this request came over https, to this server or to a proxy in front of it that
 * says so in {@code X-Forwarded-Proto}. Believing that header costs nothing here: it decides only a flag of the
 * cookie sent back to the same request, so whoever sets it can only protect their own cookie.
 */
public final class CookieSecurity {

  private final SecureCookie setting;

  public CookieSecurity(SecureCookie setting) {
    this.setting = setting;
  }

  public boolean secure(RoutingContext ctx) {
    return switch (setting) {
      case TRUE -> true;
      case FALSE -> false;
      case AUTO -> ctx.request().isSSL() || "https".equalsIgnoreCase(clientFacingProto(ctx));
    };
  }

  /** The first of a chain of proxies is the one the browser spoke to. */
  private static String clientFacingProto(RoutingContext ctx) {
    String forwarded = ctx.request().getHeader("X-Forwarded-Proto");
    return forwarded == null ? null : forwarded.split(",", 2)[0].strip();
  }
}
