package io.platz.console.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every console answer. The Content-Security-Policy allows nothing but this origin: no inline script
 * or style (the templates have none), no framing, forms and fetches to this origin only. Pico's icons are data:
 * images inside its stylesheet.
 */
public final class SecurityHeaders {

  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'; form-action 'self'";

  private SecurityHeaders() {
  }

  public static void handle(RoutingContext ctx) {
    apply(ctx.response());
    ctx.next();
  }

  public static void apply(HttpServerResponse response) {
    response.putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader("Cross-Origin-Resource-Policy", "same-origin");
  }
}
