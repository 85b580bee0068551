package io.platz.console.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A message shown once on the next page, after a write answered with a redirect (post, redirect, get). It travels
 * in a short-lived cookie, so that the next page may come from any instance, signed under the session's CSRF token:
 * a cookie planted by another site (or another session) is not shown.
 */
public record Flash(String kind, String message) {

  static final String COOKIE = "platz.flash";
  private static final long LIFETIME_SECONDS = 60;

  public static void success(RoutingContext ctx, String message) {
    put(ctx, "success", message);
  }

  public static void error(RoutingContext ctx, String message) {
    put(ctx, "error", message);
  }

  /** The message left for this page, if any; it is not shown again. */
  public static Flash take(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null) {
      return null;
    }
    Viewer viewer = Viewer.of(ctx);
    ctx.response().addCookie(cookie(viewer, "").setMaxAge(0));
    String[] parts = cookie.getValue().split("\\.", 2);
    if (parts.length != 2 || !MessageDigest.isEqual(signature(viewer, parts[0]).getBytes(StandardCharsets.US_ASCII),
        parts[1].getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    String value;
    try {
      value = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
    int split = value.indexOf('\n');
    return split < 0 ? null : new Flash(value.substring(0, split), value.substring(split + 1));
  }

  public boolean isError() {
    return "error".equals(kind);
  }

  private static void put(RoutingContext ctx, String kind, String message) {
    Viewer viewer = Viewer.of(ctx);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString((kind + "\n" + message).getBytes(StandardCharsets.UTF_8));
    ctx.response().addCookie(cookie(viewer, value + "." + signature(viewer, value)).setMaxAge(LIFETIME_SECONDS));
  }

  private static String signature(Viewer viewer, String value) {
    return new Signer(viewer.csrf().getBytes(StandardCharsets.US_ASCII)).sign("console-flash\n" + value);
  }

  private static Cookie cookie(Viewer viewer, String value) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(viewer.secureCookies())
        .setSameSite(CookieSameSite.LAX);
  }
}
