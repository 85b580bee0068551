package io.platz.console.pages;

import io.platz.common.error.ApiError;
import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.session.Flash;
import io.platz.console.session.Sessions;
import io.platz.console.session.Viewer;
import io.platz.console.view.NewToken;
import io.platz.console.view.ProfileView;
import io.platz.console.view.SessionRow;
import io.platz.console.view.TokenList;
import io.platz.console.view.TokenRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * /profile/tokens: the signed-in person's own tokens, issued and revoked the way a bot's are, and their console
 * sessions, which they may end.
 */
final class ProfilePages {

  private final Sessions sessions;

  private ProfilePages(Sessions sessions) {
    this.sessions = sessions;
  }

  static void mount(Router router, Pages pages, Sessions sessions) {
    ProfilePages profile = new ProfilePages(sessions);
    router.get("/profile/tokens").handler(pages.view(profile::show));
    router.post("/profile/tokens").handler(pages.write(profile::issue, ctx -> "/profile/tokens"));
    router.post("/profile/tokens/:token/revoke").handler(pages.write(ProfilePages::revoke, ctx -> "/profile/tokens"));
    router.post("/profile/sessions/:session/end").handler(pages.write(profile::end, ctx -> "/profile/tokens"));
  }

  private Future<Outcome> show(RoutingContext ctx, Viewer viewer, Calls calls) {
    return page(ctx, viewer, calls, null);
  }

  private Future<Outcome> page(RoutingContext ctx, Viewer viewer, Calls calls, NewToken created) {
    Future<List<SessionRow>> own = sessions.sessionsOf(ctx);
    Future<List<TokenRow>> tokens = Tokens.rows(calls, viewer, "/user-tokens", "user_id", viewer.id());
    return Future.all(own, tokens)
        .map(both -> Outcome.page("API Tokens - Profile", "profile", "profile.jte",
            new ProfileView(viewer.displayName(), viewer.email(), list(viewer, tokens.result()), created, own.result())));
  }

  /** Ending the session that asks signs this browser out: the next page is the sign-in page. */
  private Future<Outcome> end(RoutingContext ctx, Viewer viewer, Calls calls) {
    String session = Forms.id(ctx, "session");
    return sessions.end(ctx, session).map(ended -> {
      if (!ended) {
        throw ApiError.notFound("session");
      }
      Flash.success(ctx, "That session has ended.");
      return Outcome.redirect("/profile/tokens");
    });
  }

  private static TokenList list(Viewer viewer, List<TokenRow> rows) {
    return new TokenList("user", "/profile/tokens", "/profile/tokens", rows, viewer.csrf());
  }

  private Future<Outcome> issue(RoutingContext ctx, Viewer viewer, Calls calls) {
    return calls.post("/user-tokens", new JsonObject())
        .map(created -> Tokens.issued(ctx, created, viewer.displayName()))
        .compose(token -> Forms.htmx(ctx)
            ? Tokens.rows(calls, viewer, "/user-tokens", "user_id", viewer.id()).map(rows -> Tokens.fragment(token, list(viewer, rows)))
            : page(ctx, viewer, calls, token));
  }

  /** Revoking the token this session signed in with ends the session on the next click, like any revocation. */
  private static Future<Outcome> revoke(RoutingContext ctx, Viewer viewer, Calls calls) {
    String token = Forms.id(ctx, "token");
    return calls.delete("/user-tokens/:id", token).map(done -> {
      Flash.success(ctx, "Token " + token + " revoked: it stops working immediately.");
      return Outcome.redirect("/profile/tokens");
    });
  }
}
