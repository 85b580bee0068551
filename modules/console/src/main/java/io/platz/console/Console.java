package io.platz.console;

import io.platz.api.FailedAuthentications;
import io.platz.api.Gateway;
import io.platz.api.RouteContribution;
import io.platz.api.TokenAuthentication;
import io.platz.console.data.ConsoleApi;
import io.platz.console.live.HistoryStream;
import io.platz.console.pages.Routes;
import io.platz.console.session.Sessions;
import io.platz.console.web.Assets;
import io.platz.console.web.SecurityHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;

/**
 * The admin console: web pages on the API's port, one more adapter over the same services. Every read and write
 * goes through the {@link Gateway} as the signed-in person, with the action and address of the JSON API endpoint
 * that does the same, so the permissions module decides everything and the console can do nothing the API would
 * refuse. It holds no rules of its own.
 *
 * <p>Sessions live in this process ({@link LocalSessionStore}, shared by the HTTP verticle instances): several
 * Platz instances behind one address would need a clustered session store, or sticky sessions.
 */
public final class Console implements RouteContribution {

  /** Every path the console answers, beside its assets. */
  public static final String PATHS = "^/(login|logout|admin(/.*)?|profile(/.*)?|envs(/.*)?)?$";
  static final String SESSION_COOKIE = "platz.session";
  private static final int FORM_LIMIT = 64 * 1024;

  private final FailedAuthentications failures;

  /** {@code failures} is the API's own: a wrong token typed into the sign-in form counts like one sent to the API. */
  public Console(FailedAuthentications failures) {
    this.failures = failures;
  }

  @Override
  public void mount(Vertx vertx, Router root) {
    ConsoleApi api = new ConsoleApi(new Gateway(vertx.eventBus()));
    Sessions sessions = new Sessions(new TokenAuthentication(vertx.eventBus(), failures), SESSION_COOKIE);
    SessionStore store = LocalSessionStore.create(vertx);

    root.route("/webjars/*").handler(SecurityHeaders::handle)
        .handler(StaticHandler.create(Assets.WEBJARS).setMaxAgeSeconds(86_400));
    root.route("/assets/*").handler(SecurityHeaders::handle)
        .handler(StaticHandler.create(Assets.OWN).setMaxAgeSeconds(300));

    root.routeWithRegex(PATHS).handler(SecurityHeaders::handle);
    root.routeWithRegex(HttpMethod.POST, PATHS).handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
    root.routeWithRegex(PATHS).handler(SessionHandler.create(store)
        .setSessionCookieName(SESSION_COOKIE)
        .setCookieHttpOnlyFlag(true)
        // Lax, not Strict: a link into the console from elsewhere keeps the session; writes carry a CSRF token anyway
        .setCookieSameSite(CookieSameSite.LAX)
        .setLazySession(true));
    Routes.mount(root, api, sessions, failures, new HistoryStream(vertx, api, sessions, store));
  }
}
