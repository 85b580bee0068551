package io.platz.console.session;

import io.platz.common.auth.Identity;
import io.vertx.ext.web.RoutingContext;

/**
 * The signed-in person of one request, as the auth module verified their token a moment ago. It holds no token:
 * nothing rendered from it can leak one.
 */
public record Viewer(Identity identity, String displayName, String email, String csrf, String sessionId) {

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
