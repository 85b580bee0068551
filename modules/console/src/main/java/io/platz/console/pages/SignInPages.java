package io.platz.console.pages;

import io.platz.api.FailedAuthentications;
import io.platz.common.error.ApiError;
import io.platz.console.oidc.OidcSignIn;
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
 * /login and /logout, and the identity provider's round trip. The token typed in is verified, its id kept in the
 * session, and never sent back. Until a sign-in succeeds nothing is stored: the form's CSRF token is
 * the {@link SignInCsrf} of a cookie, and a sign-in through the provider keeps its flow in a cookie too.
 */
public final class SignInPages {

  private final Sessions sessions;
  private final SignInCsrf csrf;
  private final FailedAuthentications failures;
  private final Optional<OidcSignIn> oidc;
  private final boolean tokenSignIn;

  public SignInPages(Sessions sessions, SignInCsrf csrf, FailedAuthentications failures, Optional<OidcSignIn> oidc,
              boolean tokenSignIn) {
    this.sessions = sessions;
    this.csrf = csrf;
    this.failures = failures;
    this.oidc = oidc;
    this.tokenSignIn = tokenSignIn;
  }

  void mount(Router router) {
    router.get("/login").handler(this::form);
    router.post("/login").handler(this::signIn);
    router.post("/logout").handler(this::signOut);
    if (oidc.isPresent()) {
      router.get(OidcSignIn.START).handler(this::toProvider);
      router.get(OidcSignIn.CALLBACK).handler(this::fromProvider);
    }
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
          ? "Your session has ended: the token it was signed in with no longer works (revoked or expired), or you were deactivated."
          : ctx.queryParams().contains("signed_out") ? "You are signed out." : null;
      boolean signedOut = ctx.queryParams().contains("signed_out");
      render(ctx, 200, view(next, null, notice, signedOut ? oidc.flatMap(OidcSignIn::endSessionUrl).orElse(null) : null));
    });
  }

  private void toProvider(RoutingContext ctx) {
    String next = Sessions.safeNext(ctx.queryParams().get("next"));
    Optional<String> provider = oidc.get().authorizeUrl(ctx, next);
    if (provider.isEmpty()) {
      refused(ctx, next, OidcSignIn.unavailable());
    } else {
      ctx.response().setStatusCode(303).putHeader("location", provider.get()).putHeader("cache-control", "no-store").end();
    }
  }

  /** Every refusal is the sign-in page, saying why; nothing is stored before the auth module has said who this is. */
  private void fromProvider(RoutingContext ctx) {
    oidc.get().callback(ctx)
        .compose(verified -> sessions.signIn(ctx, verified.claims(), oidc.get().providerName()).map(verified.next()))
        .onSuccess(next -> Pages.redirect(ctx, next))
        .onFailure(failure -> {
          if (failure instanceof ApiError refusal && (refusal.status() < 500 || refusal.status() == 503)) {
            refused(ctx, "/envs", refusal);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void refused(RoutingContext ctx, String next, ApiError refusal) {
    render(ctx, refusal.status(), view(next, refusal.getMessage(), null, null));
  }

  private void signIn(RoutingContext ctx) {
    if (!csrf.valid(ctx)) {
      Pages.forbidden(ctx);
      return;
    }
    if (!tokenSignIn) {
      refused(ctx, "/envs", ApiError.forbidden("Token sign-in is turned off here: sign in with your identity provider."));
      return;
    }
    String next = Sessions.safeNext(ctx.request().getFormAttribute("next"));
    sessions.signIn(ctx, ctx.request().getFormAttribute("token"))
        .onSuccess(refusal -> answer(ctx, next, refusal))
        .onFailure(ctx::fail);
  }

  /**
   * A wrong token counts against the address as on the API; a valid one signs in however many came before. A
   * refused token is the form again, saying why, with 200 as login forms answer (a 4xx would be an error in the
   * browser's console for what is only a typing mistake); going over the limit is 429 with Retry-After, which is
   * what tools and proxies look for when an address is being slowed down.
   */
  private void answer(RoutingContext ctx, String next, Optional<String> refusal) {
    if (refusal.isEmpty()) {
      Pages.redirect(ctx, next);
    } else if (!refusal.get().equals(Sessions.NOT_ACCEPTED)) {
      render(ctx, 200, view(next, refusal.get(), null, null));
    } else if (failures.fail(ctx.request().remoteAddress().host())) {
      long wait = failures.retryAfterSeconds(ctx.request().remoteAddress().host());
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      render(ctx, 429, view(next, "Too many tokens were not accepted from your address. Try again in "
          + wait + (wait == 1 ? " second." : " seconds."), null, null));
    } else {
      render(ctx, 200, view(next, refusal.get(), null, null));
    }
  }

  private void signOut(RoutingContext ctx) {
    sessions.signOut(ctx).onSuccess(signedOut -> {
      if (signedOut) {
        Pages.redirect(ctx, "/login?signed_out=1");
      } else {
        Pages.forbidden(ctx);
      }
    }).onFailure(ctx::fail);
  }

  /** The provider's button only once it has been discovered: until then, a click could only fail. */
  private LoginView view(String next, String error, String notice, String providerSignOut) {
    String provider = oidc.filter(OidcSignIn::available).map(OidcSignIn::providerName).orElse(null);
    return new LoginView(next, error, notice, provider, tokenSignIn, providerSignOut);
  }

  private void render(RoutingContext ctx, int status, LoginView view) {
    Layout layout = new Layout("Sign in", null, csrf.token(ctx), null);
    Pages.html(ctx, status, Views.render("login.jte", Map.of("layout", layout, "view", view)));
  }
}
