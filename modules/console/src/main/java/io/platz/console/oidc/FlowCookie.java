package io.platz.console.oidc;

import io.platz.console.session.CookieSecurity;
import io.platz.console.session.Signer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A sign-in through the provider between leaving for it and coming back: its {@code state}, {@code nonce} and PKCE
 * verifier travel in a short-lived signed cookie of this browser, {@code HttpOnly} and for the callback's path only,
 * so a visitor who has not signed in has nothing stored on the server, however many sign-ins they start. The
 * callback takes the cookie (it is cleared at once): a state comes back once.
 */
final class FlowCookie {

  /** A sign-in in progress: where to go afterwards, and what the provider's answer must match. */
  record Flow(String state, String nonce, String verifier, String next) {

    /** S256: the provider checks the verifier, sent with the code, against this. */
    String codeChallenge() {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  static final String NAME = "platz.oidc";
  static final String PATH = "/auth/oidc";
  /** How long the provider's sign-in page may take. */
  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final String PURPOSE = "oidc-flow:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Signer signer;
  private final CookieSecurity cookies;

  FlowCookie(Signer signer, CookieSecurity cookies) {
    this.signer = signer;
    this.cookies = cookies;
  }

  /** A new flow, its cookie set on this answer. */
  Flow start(RoutingContext ctx, String next) {
    Flow flow = new Flow(random(32), random(32), random(48), next);
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject()
        .put("state", flow.state()).put("nonce", flow.nonce()).put("verifier", flow.verifier()).put("next", next)
        .put("issued", Instant.now().getEpochSecond()).encode().getBytes(StandardCharsets.UTF_8));
    ctx.response().addCookie(cookie(ctx, payload + "." + signer.sign(PURPOSE + payload)).setMaxAge(LIFETIME.toSeconds()));
    return flow;
  }

  /** This browser's flow, if it has one that was made here less than {@link #LIFETIME} ago; cleared either way. */
  Optional<Flow> take(RoutingContext ctx) {
    Cookie sent = ctx.request().getCookie(NAME);
    if (sent == null) {
      return Optional.empty();
    }
    ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
    String[] parts = sent.getValue().split("\\.", -1);
    if (parts.length != 2 || !MessageDigest.isEqual(signer.sign(PURPOSE + parts[0]).getBytes(StandardCharsets.US_ASCII),
        parts[1].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    // signed here, so well-formed: only its age is left to check
    JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    if (Instant.ofEpochSecond(json.getLong("issued")).isBefore(Instant.now().minus(LIFETIME))) {
      return Optional.empty();
    }
    return Optional.of(new Flow(json.getString("state"), json.getString("nonce"), json.getString("verifier"),
        json.getString("next")));
  }

  /** Lax: the provider sends the browser back with a top-level navigation, which carries it. */
  private Cookie cookie(RoutingContext ctx, String value) {
    return Cookie.cookie(NAME, value).setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(cookies.secure(ctx));
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
