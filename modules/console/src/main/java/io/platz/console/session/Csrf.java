package io.platz.console.session;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A synchronizer token per signed-in session: rendered into each form (a hidden field) and into a meta tag that
 * the console's script copies into htmx's requests (a header). A write without it is refused. It is made from the
 * session's secret, so it changes at each sign-in and not before: several tabs and the back button keep working.
 * (The sign-in form itself has no session yet: see {@link SignInCsrf}.)
 */
public final class Csrf {

  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";

  private Csrf() {
  }

  /** Whether a write of a signed-in page carries the session's token. */
  public static boolean valid(RoutingContext ctx) {
    return matches(Viewer.of(ctx).csrf(), ctx);
  }

  /** Whether the request carries {@code expected}, in the header (htmx) or the form field; compared in constant time. */
  static boolean matches(String expected, RoutingContext ctx) {
    String presented = ctx.request().getHeader(HEADER);
    if (presented == null) {
      presented = ctx.request().getFormAttribute(FIELD);
    }
    return expected != null && presented != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
