package io.platz.console.session;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The sign-in form's CSRF token, with nothing kept on the server: a visitor who has not signed in has no session.
 * The form page gives the browser a short-lived cookie (its time of issue and a random value; {@code HttpOnly},
 * for {@code /login} only) and puts the HMAC of that cookie, under a key derived from the server key, into the
 * form. A sign-in is accepted only with the token of the cookie that comes with it: another site can neither read
 * the cookie nor make a token for one, so it cannot sign a browser in to an account of its choosing.
 */
public final class SignInCsrf {

  public static final String COOKIE = "platz.signin";
  /** How long a form may wait for its token to be typed in. */
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Signer signer;
  private final CookieSecurity cookies;

  public SignInCsrf(Signer signer, CookieSecurity cookies) {
    this.signer = signer;
    this.cookies = cookies;
  }

  /**
   * The token for the form on this answer: of the visitor's cookie while it has most of its life ahead (so that
   * several tabs can sign in), else of a new cookie set on the answer.
   */
  public String token(RoutingContext ctx) {
    String cookie = cookieValue(ctx);
    Instant now = Instant.now();
    if (cookie == null || !issuedWithin(cookie, now, LIFETIME.dividedBy(2))) {
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      cookie = now.getEpochSecond() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      ctx.response().addCookie(Cookie.cookie(COOKIE, cookie).setPath("/login").setMaxAge(LIFETIME.toSeconds())
          .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(cookies.secure(ctx)));
    }
    return token(cookie);
  }

  /** Whether a sign-in carries the token of the cookie sent with it, issued less than {@link #LIFETIME} ago. */
  public boolean valid(RoutingContext ctx) {
    String cookie = cookieValue(ctx);
    return cookie != null && issuedWithin(cookie, Instant.now(), LIFETIME) && Csrf.matches(token(cookie), ctx);
  }

  String token(String cookie) {
    return signer.sign(cookie);
  }

  /** A cookie that does not start with its time of issue was not made here. */
  static boolean issuedWithin(String cookie, Instant now, Duration age) {
    int dot = cookie.indexOf('.');
    try {
      Instant issued = Instant.ofEpochSecond(Long.parseLong(cookie.substring(0, Math.max(dot, 0))));
      return !issued.isAfter(now) && issued.isAfter(now.minus(age));
    } catch (NumberFormatException | DateTimeException e) {
      return false;
    }
  }

  private static String cookieValue(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null ? null : cookie.getValue();
  }
}
