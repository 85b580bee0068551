package io.platz.api;

import io.platz.common.auth.AuthRequests.Verified;
import io.platz.common.auth.AuthRequests.VerifyToken;
import io.platz.common.bus.ModuleBus;
import io.platz.common.error.ApiError;
import io.platz.common.token.ParsedToken;
import io.platz.common.token.TokenFormat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;

/**
 * Authentication for the API, through vertx-web's authentication handler (the request's user is a vertx-auth
 * {@code User}): the token comes from {@code x-platz-token} or, if that header is absent, {@code Authorization:
 * Bearer}; the auth module verifies it over the bus. A token that is not even well formed is refused here, without
 * a bus hop. Every credential problem is the same 401; a verifier that cannot answer is a 503 or 504, never a 401.
 */
public final class TokenAuthentication {

  public static final String TOKEN_HEADER = "x-platz-token";
  private static final HttpException UNAUTHORIZED = new HttpException(401);
  /** The request's token, parsed once: the auth module is handed it as it is. */
  private static final String PARSED_TOKEN = "platz.parsedToken";

  private final ModuleBus bus;
  private final FailedAuthentications failures;

  public TokenAuthentication(ModuleBus bus, FailedAuthentications failures) {
    this.bus = bus;
    this.failures = failures;
  }

  /**
   * Every credential problem is the same 401, or 429 once the source address has failed too often. An address
   * that is out of tries gets a well-formed token verified from the auth module's cache only: a token in use keeps
   * working, and no guess from it reaches the database.
   *
   * <p>A token that is missing or not well formed is answered here and now: it is the cheapest refusal, and the one
   * a guesser sends most, so it skips both the bus and Vert.x Web's failure routing. A well-formed token goes on to
   * the auth module through vertx-web's authentication handler, which sets the request's user.
   */
  public Handler<RoutingContext> handler() {
    AuthenticationHandler verified = SimpleAuthenticationHandler.create().authenticate(ctx ->
        verify(ctx.<ParsedToken>get(PARSED_TOKEN), failures.exhausted(source(ctx)))
            .recover(failure -> Future.failedFuture(failure == UNAUTHORIZED ? refused(ctx) : failure)));
    return ctx -> {
      ParsedToken token = parse(presentedToken(ctx.request()));
      if (token == null) {
        Failures.respond(ctx, refused(ctx));
      } else {
        ctx.put(PARSED_TOKEN, token);
        verified.handle(ctx);
      }
    };
  }

  private ApiError refused(RoutingContext ctx) {
    String address = source(ctx);
    if (!failures.fail(address)) {
      return ApiError.unauthorized();
    }
    ctx.response().putHeader("Retry-After", Long.toString(failures.retryAfterSeconds(address)));
    return ApiError.tooManyFailedAuthentications();
  }

  /**
   * The address failed authentications are counted against: the connection's peer. The router trusts no
   * forwarding headers, so this is what vertx-web's {@code remoteAddress()} answers, without the host, scheme and
   * absolute URI its forwarded-header parser builds first (3 % of a cached check's CPU samples).
   */
  private static String source(RoutingContext ctx) {
    return ctx.request().connection().remoteAddress().host();
  }

  /** {@code x-platz-token} wins when both headers are present, as in upstream Platz. */
  public static String presentedToken(HttpServerRequest request) {
    String token = request.getHeader(TOKEN_HEADER);
    if (token != null) {
      return token;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return null;
  }

  /**
   * The token verified again, as every request verifies it: for a long request (a stream) that must stop when its
   * credential dies. Fails with a 401 {@link ApiError} when it is no longer valid.
   */
  public Future<User> verify(String token) {
    ParsedToken parsed = parse(token);
    return parsed == null ? Future.failedFuture(ApiError.unauthorized()) : verify(parsed);
  }

  /** A token its caller has parsed already (to read its kind): as {@link #verify(String)}. */
  public Future<User> verify(ParsedToken token) {
    return verify(token, false)
        .recover(failure -> Future.failedFuture(failure == UNAUTHORIZED ? ApiError.unauthorized() : failure));
  }

  private static ParsedToken parse(String token) {
    return token == null ? null : TokenFormat.parse(token).orElse(null);
  }

  /** {@code cachedOnly}: verified if the auth module has the credential in memory, refused otherwise. */
  private Future<User> verify(ParsedToken token, boolean cachedOnly) {
    return bus.ask(new VerifyToken(token, cachedOnly))
        .map(TokenAuthentication::user)
        .recover(failure -> Future.failedFuture(isRefusal(failure) ? UNAUTHORIZED : failure));
  }

  /** The user of a verification's answer: its identity as principal, {@code me} as attribute. */
  private static User user(Verified verified) {
    User user = User.create(verified.identity());
    user.attributes().put("me", verified.me());
    return user;
  }

  /** The answer to {@code GET /auth/me}, encoded: {@code {"User": ...}} or {@code {"Bot": ...}}, externally tagged. */
  public static Buffer me(RoutingContext ctx) {
    return ctx.user().attributes().getBuffer("me");
  }

  private static boolean isRefusal(Throwable failure) {
    return failure instanceof ApiError refusal && refusal.status() == 401;
  }
}
