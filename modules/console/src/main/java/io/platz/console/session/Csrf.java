package io.platz.console.session;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A synchronizer token per signed-in session: rendered into each form (a hidden field) and into a meta tag that
 * the console's script copies into htmx's requests (a header). A write without it is refused. It is made at
 * sign-in and does not rotate, so several tabs and the back button keep working. (The sign-in form itself has
 * no session yet: see {@link SignInCsrf}.)
 */
public final class Csrf {

  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  static final String KEY = "platz.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {
  }

  static String of(Session session) {
    return session.get(KEY);
  }

  static void renew(Session session) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    session.put(KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /** Whether a write carries the session's token. */
  public static boolean valid(RoutingContext ctx) {
    Session session = ctx.session();
    return matches(session == null ? null : session.get(KEY), ctx);
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
