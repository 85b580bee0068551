package io.platz.console.session;

import io.platz.api.TokenAuthentication;
import io.platz.common.auth.AuthRequests.EndSession;
import io.platz.common.auth.AuthRequests.ListSessions;
import io.platz.common.auth.AuthRequests.OidcSignIn;
import io.platz.common.auth.AuthRequests.ResumeSession;
import io.platz.common.auth.AuthRequests.StartSession;
import io.platz.common.auth.Identity;
import io.platz.common.bus.ModuleBus;
import io.platz.common.error.ApiError;
import io.platz.common.token.ParsedToken;
import io.platz.common.token.TokenFormat;
import io.platz.console.view.SessionRow;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The console's signed-in sessions, kept by the auth module in the database so that every instance serves every
 * session and a sign-out ends it everywhere. The browser's cookie holds the session's secret; the auth module keeps
 * a keyed hash of it, who signed in, and the id of the personal token they signed in with (never the token). On
 * every request the auth module checks that the session, its person and its token are still alive: a sign-out, a
 * revoked token or a deactivated person ends the session on the next click, on every instance. A sign-in through
 * the identity provider has no token: its person alone must still be active.
 */
public final class Sessions {

  /** The seed's words: bots never sign in to the UI. */
  public static final String BOT_REFUSED = "This is a bot's token. A bot has no email and no OIDC identity. "
      + "Don't try to log into the UI as a bot — there's no flow for it. The bot exists solely to authenticate API calls.";
  public static final String DEPLOYMENT_REFUSED = "This is a deployment's credential. Deployments don't use the console: "
      + "their credentials exist solely to authenticate API calls.";
  public static final String NOT_ACCEPTED = "That token was not accepted: " + ApiError.UNAUTHORIZED_MESSAGE + ".";
  /** The browser's cookie: the session's secret, which the auth module keeps only as a keyed hash. */
  public static final String COOKIE = "platz.session";
  /** What the auth module makes a session's secret: 32 random bytes, base64url. */
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final TokenAuthentication auth;
  private final ModuleBus bus;
  private final Signer signer;
  private final CookieSecurity cookies;

  public Sessions(TokenAuthentication auth, ModuleBus bus, Signer signer, CookieSecurity cookies) {
    this.auth = auth;
    this.bus = bus;
    this.signer = signer;
    this.cookies = cookies;
  }

  /**
   * Signs this browser in with {@code token}, or answers why not. A bot's or a deployment's token is told apart by
   * its prefix and refused without a verification: it could never open a session anyway. The token is verified as
   * the API verifies it, and the session keeps only its id: only a sign-in that succeeds stores anything.
   */
  public Future<Optional<String>> signIn(RoutingContext ctx, String token) {
    Optional<ParsedToken> parsed = TokenFormat.parse(token == null ? null : token.strip());
    if (parsed.isEmpty()) {
      return Future.succeededFuture(Optional.of(NOT_ACCEPTED));
    }
    switch (parsed.get().kind()) {
      case BOT:
        return Future.succeededFuture(Optional.of(BOT_REFUSED));
      case DEPLOYMENT:
        return Future.succeededFuture(Optional.of(DEPLOYMENT_REFUSED));
      default:
        break;
    }
    return auth.verify(parsed.get())
        .compose(user -> {
          Identity identity = Identity.fromJson(user.principal());
          return start(ctx, identity.id(), identity.tokenId(), "with a token");
        })
        .map(Optional.<String>empty())
        .recover(failure -> refused(failure) ? Future.succeededFuture(Optional.of(NOT_ACCEPTED)) : Future.failedFuture(failure));
  }

  /**
   * Signs this browser in as the person the identity provider vouched for with {@code claims} (of a verified ID
   * token), found, linked or created by the auth module; fails with its {@link ApiError} otherwise.
   */
  public Future<Void> signIn(RoutingContext ctx, OidcSignIn claims, String provider) {
    return bus.ask(claims)
        .compose(person -> start(ctx, UUID.fromString(person.getString("id")), null, "through " + provider));
  }

  /**
   * A new session, with a new secret at every sign-in: a cookie planted before it is worth nothing after, and the
   * session this browser had before ends.
   */
  private Future<Void> start(RoutingContext ctx, UUID person, UUID token, String how) {
    return bus.ask(new StartSession(person, token, how, ctx.request().remoteAddress().host(), secret(ctx))).map(started -> {
      ctx.response().addCookie(cookie(ctx, started.getString("secret")));
      return null;
    });
  }

  /** The viewer's own sessions, oldest sign-in first, this one marked. */
  public Future<List<SessionRow>> sessionsOf(RoutingContext ctx) {
    return bus.ask(new ListSessions(secret(ctx)))
        .map(list -> list.getJsonArray("items").stream().map(item -> SessionRow.of((JsonObject) item)).toList());
  }

  /** Ends one of the viewer's own sessions; false when they have none by that handle. */
  public Future<Boolean> end(RoutingContext ctx, String handle) {
    return bus.ask(new EndSession(secret(ctx), handle))
        .map(ended -> ended.getBoolean("ended"));
  }

  /**
   * Ends this browser's session on every instance, if the sign-out carries its CSRF token (made from the secret,
   * so that a session whose token was revoked can still sign out); false, ending nothing, when it does not.
   */
  public Future<Boolean> signOut(RoutingContext ctx) {
    String secret = secret(ctx);
    if (secret == null || !Csrf.matches(csrf(secret), ctx)) {
      return Future.succeededFuture(false);
    }
    return bus.ask(new EndSession(secret, null)).map(ended -> {
      ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
      return true;
    });
  }

  /** Route handler: the viewer of this request, verified now; without one, off to the sign-in page. */
  public void requireViewer(RoutingContext ctx) {
    String secret = secret(ctx);
    if (secret == null) {
      toSignIn(ctx, false);
      return;
    }
    resume(ctx, secret, true).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (result.result().viewer().isPresent()) {
        ctx.put(Viewer.KEY, result.result().viewer().get());
        ctx.next();
      } else {
        if (result.result().ended()) {
          ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
        }
        toSignIn(ctx, result.result().ended());
      }
    });
  }

  /** The viewer of this request's session, if it has one that is alive; using it, as a click does. */
  public Future<Optional<Viewer>> viewer(RoutingContext ctx) {
    String secret = secret(ctx);
    return secret == null ? Future.succeededFuture(Optional.empty()) : resume(ctx, secret, true).map(Resumed::viewer);
  }

  /** The viewer of the session of {@code secret} while it is alive, checked without counting as a use. */
  public Future<Optional<Viewer>> viewer(RoutingContext ctx, String secret) {
    return resume(ctx, secret, false).map(Resumed::viewer);
  }

  /** The secret of this request's session cookie, if it has one of the right shape: nothing else is looked up. */
  public static String secret(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null || !SECRET.matcher(cookie.getValue()).matches() ? null : cookie.getValue();
  }

  /** A session's viewer while it lives; or whether it ended because its token or person no longer does. */
  private record Resumed(Optional<Viewer> viewer, boolean ended) {
  }

  private Future<Resumed> resume(RoutingContext ctx, String secret, boolean use) {
    return bus.ask(new ResumeSession(secret, use))
        .map(found -> {
          if (!found.containsKey("identity")) {
            return new Resumed(Optional.empty(), found.getBoolean("ended", false));
          }
          Identity identity = Identity.fromJson(found.getJsonObject("identity"));
          JsonObject me = found.getJsonObject("me");
          return new Resumed(Optional.of(new Viewer(identity, me.getString("display_name", identity.name()),
              me.getString("email"), csrf(secret), cookies.secure(ctx))), false);
        });
  }

  /** The session's CSRF token: made from its secret, so it is kept nowhere and changes at every sign-in. */
  private String csrf(String secret) {
    return signer.sign("console-csrf\n" + secret);
  }

  /** Lax, not Strict: a link into the console from elsewhere keeps the session; writes carry a CSRF token anyway. */
  private Cookie cookie(RoutingContext ctx, String value) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(cookies.secure(ctx))
        .setSameSite(CookieSameSite.LAX);
  }

  private static boolean refused(Throwable failure) {
    return failure instanceof ApiError error && error.status() == 401;
  }

  /**
   * To the sign-in page, coming back here afterwards (for a page, not a write). htmx follows {@code HX-Redirect}
   * with a full navigation; an event stream is simply told 401.
   */
  static void toSignIn(RoutingContext ctx, boolean ended) {
    StringBuilder location = new StringBuilder("/login");
    String separator = "?";
    if (ended) {
      location.append("?ended=1");
      separator = "&";
    }
    boolean page = ctx.request().method().name().equals("GET") && ctx.request().getHeader("HX-Request") == null;
    if (page) {
      location.append(separator).append("next=").append(URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
    }
    if ("text/event-stream".equals(ctx.request().getHeader("Accept"))) {
      ctx.response().setStatusCode(401).putHeader("cache-control", "no-store").end();
    } else if (ctx.request().getHeader("HX-Request") != null) {
      ctx.response().putHeader("HX-Redirect", location.toString()).putHeader("cache-control", "no-store").end();
    } else {
      ctx.response().setStatusCode(303).putHeader("location", location.toString()).putHeader("cache-control", "no-store").end();
    }
  }

  /** Only a path of this site: {@code next} must not send the person anywhere else after signing in. */
  public static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.startsWith("/login")
        || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return "/envs";
    }
    return next;
  }
}
