package io.platz.console.oidc;

import io.platz.common.auth.AuthRequests;
import io.platz.common.config.OidcConfig;
import io.platz.common.error.ApiError;
import io.platz.console.session.CookieSecurity;
import io.platz.console.session.Signer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization code flow with PKCE, {@code state} and {@code nonce}. vertx-auth-oauth2 exchanges the code and
 * checks the ID token's signature against the provider's keys, its issuer, audience and expiry; the nonce, which it
 * does not know, is checked here against the flow's cookie.
 */
public final class OidcSignIn {

  public static final String START = FlowCookie.PATH + "/start";
  public static final String CALLBACK = FlowCookie.PATH + "/callback";
  static final List<String> SCOPES = List.of("openid", "profile", "email");
  private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
  private static final String NOT_VERIFIED = "Your identity provider's answer could not be verified. Sign in again.";

  private final OidcDiscovery discovery;
  private final FlowCookie flows;

  public OidcSignIn(OidcDiscovery discovery, Signer signer, CookieSecurity cookies) {
    this.discovery = discovery;
    this.flows = new FlowCookie(signer, cookies);
  }

  /** What the sign-in button calls the provider: its host, which is what people recognise in their address bar. */
  public String providerName() {
    return URI.create(discovery.config().issuer()).getHost();
  }

  /** Whether the provider has been discovered: until then, only token sign-in is offered. */
  public boolean available() {
    return discovery.provider().isPresent();
  }

  /** Where to send the browser to sign in, coming back to {@code next}; its flow cookie is set on this answer. */
  public Optional<String> authorizeUrl(RoutingContext ctx, String next) {
    return discovery.provider().map(provider -> {
      FlowCookie.Flow flow = flows.start(ctx, next);
      return provider.authorizeURL(new OAuth2AuthorizationURL()
          .setRedirectUri(discovery.config().callbackUrl())
          .setScopes(SCOPES)
          .setState(flow.state())
          .setCodeChallenge(flow.codeChallenge())
          .setCodeChallengeMethod("S256")
          .putAdditionalParameter("nonce", flow.nonce()));
    });
  }

  /** The provider's sign-out page, where it has one: signing out of Platz does not sign out of the provider. */
  public Optional<String> endSessionUrl() {
    return discovery.provider().map(provider -> provider.endSessionURL(User.create(new JsonObject()),
        new JsonObject().put("client_id", discovery.config().clientId())
            .put("post_logout_redirect_uri", discovery.config().publicUrl() + "/login?signed_out=1")));
  }

  /**
   * The callback's answer: the flow's {@code next} and the verified ID token's claims, as the auth module takes
   * them. Fails with an {@link ApiError} whose message can be shown as it is.
   */
  public Future<Result> callback(RoutingContext ctx) {
    Optional<FlowCookie.Flow> flow = flows.take(ctx);
    String error = ctx.queryParams().get("error");
    if (error != null) {
      return Future.failedFuture(new ApiError(401, "Your identity provider did not sign you in ("
          + (error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "error") + ")."));
    }
    String state = ctx.queryParams().get("state");
    String code = ctx.queryParams().get("code");
    if (flow.isEmpty() || state == null || code == null || !same(state, flow.get().state())) {
      return Future.failedFuture(ApiError.badRequest("This sign-in is not valid here, or has taken too long. Sign in again."));
    }
    Optional<OAuth2Auth> provider = discovery.provider();
    if (provider.isEmpty()) {
      return Future.failedFuture(unavailable());
    }
    return provider.get().authenticate(new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE)
            .setCode(code)
            .setRedirectUri(discovery.config().callbackUrl())
            .setCodeVerifier(flow.get().verifier()))
        .recover(failure -> {
          // the provider's or the library's words, for whoever runs Platz; they hold no secret of ours
          LOG.info("OpenID Connect sign-in refused: {}", failure.getMessage());
          return Future.failedFuture(new ApiError(401, NOT_VERIFIED));
        })
        .map(user -> claims(user, flow.get()));
  }

  public static ApiError unavailable() {
    return ApiError.unavailable("Your identity provider cannot be reached right now. Try again in a minute.");
  }

  private Result claims(User user, FlowCookie.Flow flow) {
    JsonObject idToken = user.attributes().getJsonObject("idToken");
    if (idToken == null || !same(idToken.getString("nonce", ""), flow.nonce())) {
      LOG.info("OpenID Connect sign-in refused: {}", idToken == null ? "no ID token" : "the ID token's nonce is not this sign-in's");
      throw new ApiError(401, NOT_VERIFIED);
    }
    return new Result(flow.next(), new AuthRequests.OidcSignIn(discovery.config().issuer(), idToken.getString("sub"),
        idToken.getString("email"), Boolean.TRUE.equals(idToken.getValue("email_verified")), idToken.getString("name")));
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** A verified sign-in: where to go, and who the provider says this is. */
  public record Result(String next, AuthRequests.OidcSignIn claims) {
  }
}
