package io.platz.console.pages;

import io.platz.api.FailedAuthentications;
import io.platz.console.session.Csrf;
import io.platz.console.session.Sessions;
import io.platz.console.session.SignInCsrf;
import io.platz.console.view.Layout;
import io.platz.console.view.LoginView;
import io.platz.console.web.Views;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * /login and /logout. The token typed in is verified, kept in the server-side session, and never sent back. Until
 * a sign-in succeeds nothing is stored: the form's CSRF token is the {@link SignInCsrf} of a cookie.
 */
final class SignInPages {

  private final Sessions sessions;
  private final SignInCsrf csrf;
  private final FailedAuthentications failures;

  SignInPages(Sessions sessions, SignInCsrf csrf, FailedAuthentications failures) {
    this.sessions = sessions;
    this.csrf = csrf;
    this.failures = failures;
  }

  void mount(Router router) {
    router.get("/login").handler(this::form);
    router.post("/login").handler(this::signIn);
    router.post("/logout").handler(this::signOut);
  }

  /** Already signed in (and still valid): straight on. */
  private void form(RoutingContext ctx) {
    String next = Sessions.safeNext(ctx.queryParams().get("next"));
    sessions.viewer(ctx).onComplete(viewer -> {
      if (viewer.succeeded() && viewer.result().isPresent()) {
        Pages.redirect(ctx, next);
        return;
      }
      String notice = ctx.queryParams().contains("ended")
          ? "Your session has ended: the token it was signed in with no longer works (revoked, expired, or its user deactivated)."
          : ctx.queryParams().contains("signed_out") ? "You are signed out." : null;
      render(ctx, 200, new LoginView(next, null, notice));
    });
  }

  private void signIn(RoutingContext ctx) {
    if (!csrf.valid(ctx)) {
      Pages.forbidden(ctx);
      return;
    }
    String next = Sessions.safeNext(ctx.request().getFormAttribute("next"));
    sessions.signIn(ctx, ctx.request().getFormAttribute("token"))
        .onSuccess(refusal -> answer(ctx, next, refusal))
        .onFailure(ctx::fail);
  }

  /** A wrong token counts against the address as on the API; a valid one signs in however many came before. */
  private void answer(RoutingContext ctx, String next, Optional<String> refusal) {
    if (refusal.isEmpty()) {
      Pages.redirect(ctx, next);
    } else if (!refusal.get().equals(Sessions.NOT_ACCEPTED)) {
      render(ctx, 403, new LoginView(next, refusal.get(), null));
    } else if (failures.fail(ctx.request().remoteAddress().host())) {
      long wait = failures.retryAfterSeconds(ctx.request().remoteAddress().host());
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      render(ctx, 429, new LoginView(next, "Too many tokens were not accepted from your address. Try again in "
          + wait + (wait == 1 ? " second." : " seconds."), null));
    } else {
      render(ctx, 401, new LoginView(next, refusal.get(), null));
    }
  }

  private void signOut(RoutingContext ctx) {
    if (!Csrf.valid(ctx)) {
      Pages.forbidden(ctx);
      return;
    }
    sessions.signOut(ctx.session());
    Pages.redirect(ctx, "/login?signed_out=1");
  }

  private void render(RoutingContext ctx, int status, LoginView view) {
    Layout layout = new Layout("Sign in", null, csrf.token(ctx), null);
    Pages.html(ctx, status, Views.render("login.jte", Map.of("layout", layout, "view", view)));
  }
}
