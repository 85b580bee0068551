package io.platz.console.session;

import io.platz.api.TokenAuthentication;
import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.SameLoop;
import io.platz.common.error.ApiError;
import io.platz.common.token.ParsedToken;
import io.platz.common.token.TokenFormat;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.HttpException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in with a personal user token, kept server-side in the session (the browser holds only the session
 * cookie) and verified again through the auth module on every request: a revoked token or a deactivated user
 * ends the session on the next click, because the auth module's cache never outlives a revocation.
 *
 * <p>A sign-in through the identity provider holds no token: its session names the person, whom the auth module
 * looks up on every request, so that deactivating them ends it on the next click too. Nothing in such a session is
 * usable as an API credential.
 */
public final class Sessions {

  /** The seed's words: bots never sign in to the UI. */
  public static final String BOT_REFUSED = "This is a bot's token. A bot has no email and no OIDC identity. "
      + "Don't try to log into the UI as a bot — there's no flow for it. The bot exists solely to authenticate API calls.";
  public static final String DEPLOYMENT_REFUSED = "This is a deployment's credential. Deployments don't use the console: "
      + "their credentials exist solely to authenticate API calls.";
  public static final String NOT_ACCEPTED = "That token was not accepted: " + ApiError.UNAUTHORIZED_MESSAGE + ".";
  static final String TOKEN = "platz.token";
  /** Whose session it is (their id), for the store's limit per person. */
  static final String PERSON = "platz.person";
  /** What names the session on its person's profile, where they may end it. */
  static final String HANDLE = "platz.handle";
  /** How, from where and when it signed in, for its person's profile. */
  static final String HOW = "platz.how";
  static final String FROM = "platz.from";
  static final String SIGNED_IN_AT = "platz.signed-in-at";

  private static final DeliveryOptions LOOKUP = SameLoop.local(5_000);

  private final TokenAuthentication auth;
  private final EventBus bus;
  private final SignedInSessionStore store;
  private final String cookieName;

  public Sessions(TokenAuthentication auth, EventBus bus, SignedInSessionStore store, String cookieName) {
    this.auth = auth;
    this.bus = bus;
    this.store = store;
    this.cookieName = cookieName;
  }

  /**
   * Signs this request's session in with {@code token}, or answers why not. A bot's or a deployment's token is told
   * apart by its prefix and refused without a verification: it could never open a session anyway. Only a sign-in
   * that succeeds touches the session, so a refused one leaves nothing on the server.
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
    String verified = token.strip();
    return auth.authenticate(new TokenCredentials(verified))
        .map(user -> {
          ctx.session().put(TOKEN, verified);
          signedIn(ctx, Identity.fromJson(user.principal()).id().toString(), "with a token");
          return Optional.<String>empty();
        })
        .recover(failure -> refused(failure) ? Future.succeededFuture(Optional.of(NOT_ACCEPTED)) : Future.failedFuture(failure));
  }

  /**
   * Signs this request's session in as the person the identity provider vouched for with {@code claims} (of a
   * verified ID token), found, linked or created by the auth module; fails with its {@link ApiError} otherwise.
   */
  public Future<Void> signIn(RoutingContext ctx, JsonObject claims, String provider) {
    return bus.<JsonObject>request(Addresses.Auth.OIDC_SIGN_IN, claims, LOOKUP)
        .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply ? ApiError.fromReply(reply) : failure))
        .map(reply -> {
          signedIn(ctx, reply.body().getString("id"), "through " + provider);
          return null;
        });
  }

  /**
   * A fresh session id at every sign-in: a session id planted before it is worth nothing after (and the store keeps
   * a session it has not seen only when its id was just regenerated).
   */
  private static void signedIn(RoutingContext ctx, String person, String how) {
    Session session = ctx.session();
    session.regenerateId();
    session.put(PERSON, person);
    session.put(HANDLE, UUID.randomUUID().toString());
    session.put(HOW, how);
    session.put(FROM, ctx.request().remoteAddress().host());
    session.put(SIGNED_IN_AT, System.currentTimeMillis());
    Csrf.renew(session);
  }

  /** The viewer's own sessions, this one marked. */
  public List<SignedInSessionStore.Listed> sessionsOf(Viewer viewer) {
    return store.sessionsOf(viewer.id(), viewer.sessionId());
  }

  /** Ends one of the viewer's own sessions; false when they have none by that handle. */
  public boolean end(Viewer viewer, String handle) {
    return store.end(viewer.id(), handle);
  }

  public void signOut(Session session) {
    session.destroy();
  }

  /** Route handler: the viewer of this request, verified now; without one, off to the sign-in page. */
  public void requireViewer(RoutingContext ctx) {
    if (ctx.request().getCookie(cookieName) == null) {
      toSignIn(ctx, false);
      return;
    }
    Session session = ctx.session();
    viewer(session).onComplete(result -> {
      if (result.succeeded() && result.result().isPresent()) {
        ctx.put(Viewer.KEY, result.result().get());
        ctx.next();
      } else if (result.succeeded()) {
        boolean ended = signedIn(session);
        if (ended) {
          session.destroy();
        }
        toSignIn(ctx, ended);
      } else {
        ctx.fail(result.cause());
      }
    });
  }

  /**
   * The viewer of this request's session, if it has one. Without a session cookie there is nothing to look up, and
   * asking for the session would make an empty one (never stored, but sent back as a cookie).
   */
  public Future<Optional<Viewer>> viewer(RoutingContext ctx) {
    return ctx.request().getCookie(cookieName) == null ? Future.succeededFuture(Optional.empty()) : viewer(ctx.session());
  }

  /**
   * The session's viewer if its token still verifies as a user's, or, without a token, its person is still active;
   * empty if there is none or it no longer does.
   */
  public Future<Optional<Viewer>> viewer(Session session) {
    if (!signedIn(session)) {
      return Future.succeededFuture(Optional.empty());
    }
    String token = session.get(TOKEN);
    Future<User> user = token != null ? auth.authenticate(new TokenCredentials(token)) : person(session.get(PERSON));
    return user
        .map(verified -> Optional.of(verified).filter(Sessions::isUser).map(u -> viewer(u, session)))
        .recover(failure -> refused(failure) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
  }

  public static boolean signedIn(Session session) {
    return session != null && !session.isDestroyed() && session.get(PERSON) != null;
  }

  /** The person of a session without a token, as the auth module has them now: a deactivated one is refused. */
  private Future<User> person(String id) {
    return bus.<JsonObject>request(Addresses.Auth.SIGNED_IN_USER, new JsonObject().put("id", id), LOOKUP)
        .map(reply -> TokenAuthentication.user(reply.body()))
        .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply && reply.failureCode() == 401
            ? new HttpException(401) : failure));
  }

  private static Viewer viewer(User user, Session session) {
    Identity identity = Identity.fromJson(user.principal());
    JsonObject me = user.attributes().getJsonObject("me", new JsonObject());
    return new Viewer(identity, me.getString("display_name", identity.name()), me.getString("email"), Csrf.of(session),
        session.id());
  }

  private static boolean isUser(User user) {
    return Identity.fromJson(user.principal()).isUser();
  }

  private static boolean refused(Throwable failure) {
    return failure instanceof HttpException http && http.getStatusCode() == 401;
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
