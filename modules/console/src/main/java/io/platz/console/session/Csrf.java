package io.platz.console.session;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A synchronizer token per session: rendered into each form (a hidden field) and into a meta tag that the
 * console's script copies into htmx's requests (a header). A write without it is refused. It does not rotate,
 * so several tabs and the back button keep working; a new one is made at sign-in.
 */
public final class Csrf {

  public static final String FIELD = "_csrf";
  public static final String HEADER = "X-CSRF-Token";
  static final String KEY = "platz.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {
  }

  /** The session's token, made on first use (which is what starts an anonymous session on the sign-in page). */
  public static String of(Session session) {
    String token = session.get(KEY);
    if (token == null) {
      token = renew(session);
    }
    return token;
  }

  static String renew(Session session) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    session.put(KEY, token);
    return token;
  }

  /** Whether a write carries the session's token, in the header (htmx) or the form field; compared in constant time. */
  public static boolean valid(RoutingContext ctx) {
    Session session = ctx.session();
    String expected = session == null ? null : session.get(KEY);
    String presented = ctx.request().getHeader(HEADER);
    if (presented == null) {
      presented = ctx.request().getFormAttribute(FIELD);
    }
    return expected != null && presented != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
