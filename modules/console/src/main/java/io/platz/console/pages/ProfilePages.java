package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.session.Flash;
import io.platz.console.session.Viewer;
import io.platz.console.view.NewToken;
import io.platz.console.view.ProfileView;
import io.platz.console.view.TokenList;
import io.platz.console.view.TokenRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** /profile/tokens: the signed-in person's own tokens, issued and revoked the way a bot's are. */
final class ProfilePages {

  private ProfilePages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/profile/tokens").handler(pages.view(ProfilePages::show));
    router.post("/profile/tokens").handler(pages.write(ProfilePages::issue, ctx -> "/profile/tokens"));
    router.post("/profile/tokens/:token/revoke").handler(pages.write(ProfilePages::revoke, ctx -> "/profile/tokens"));
  }

  private static Future<Outcome> show(RoutingContext ctx, Viewer viewer, Calls calls) {
    return page(viewer, calls, null);
  }

  private static Future<Outcome> page(Viewer viewer, Calls calls, NewToken created) {
    return Tokens.rows(calls, viewer, "/user-tokens", "user_id", viewer.id())
        .map(rows -> Outcome.page("API Tokens - Profile", "profile", "profile.jte",
            new ProfileView(viewer.displayName(), viewer.email(), list(viewer, rows), created)));
  }

  private static TokenList list(Viewer viewer, List<TokenRow> rows) {
    return new TokenList("user", "/profile/tokens", "/profile/tokens", rows, viewer.csrf());
  }

  private static Future<Outcome> issue(RoutingContext ctx, Viewer viewer, Calls calls) {
    return calls.post("/user-tokens", new JsonObject())
        .map(created -> Tokens.issued(ctx, created, viewer.displayName()))
        .compose(token -> Forms.htmx(ctx)
            ? Tokens.rows(calls, viewer, "/user-tokens", "user_id", viewer.id()).map(rows -> Tokens.fragment(token, list(viewer, rows)))
            : page(viewer, calls, token));
  }

  /** Revoking the token this session signed in with ends the session on the next click, like any revocation. */
  private static Future<Outcome> revoke(RoutingContext ctx, Viewer viewer, Calls calls) {
    String token = Forms.id(ctx, "token");
    return calls.delete("/user-tokens/:id", token).map(done -> {
      Flash.success(ctx.session(), "Token " + token + " revoked: it stops working immediately.");
      return Outcome.redirect("/profile/tokens");
    });
  }
}
