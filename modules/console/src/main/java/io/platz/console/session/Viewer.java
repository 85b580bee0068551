package io.platz.console.session;

import io.platz.common.auth.Identity;
import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in person of one request, as the auth module verified their session a moment ago. It holds no token
 * and not the session's secret: nothing rendered from it can leak either. {@code secureCookies}: whether the cookies
 * set on this answer are {@code Secure} ({@link CookieSecurity}).
 */
public record Viewer(Identity identity, String displayName, String email, String csrf, boolean secureCookies) {

  static final String KEY = "platz.viewer";

  public static Viewer of(RoutingContext ctx) {
    Viewer viewer = ctx.get(KEY);
    if (viewer == null) {
      throw new IllegalStateException("no signed-in viewer on " + ctx.request().path());
    }
    return viewer;
  }

  public String id() {
    return identity.id().toString();
  }
}
