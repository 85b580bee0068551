package io.platz.console;

import io.platz.api.FailedAuthentications;
import io.platz.api.Gateway;
import io.platz.api.OpenStreams;
import io.platz.api.RouteContribution;
import io.platz.api.TokenAuthentication;
import io.platz.common.bus.ModuleBus;
import io.platz.common.config.ConsoleConfig;
import io.platz.common.config.OidcConfig;
import io.platz.console.data.ConsoleApi;
import io.platz.console.live.HistoryStream;
import io.platz.console.oidc.OidcDiscovery;
import io.platz.console.oidc.OidcSignIn;
import io.platz.console.pages.Routes;
import io.platz.console.pages.SignInPages;
import io.platz.console.session.CookieSecurity;
import io.platz.console.session.Sessions;
import io.platz.console.session.SignInCsrf;
import io.platz.console.session.Signer;
import io.platz.console.web.Assets;
import io.platz.console.web.SecurityHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Optional;

/**
 * The admin console: web pages on the API's port, one more adapter over the same services. Every read and write
 * goes through the {@link Gateway} as the signed-in person, with the action and operation of the JSON API endpoint
 * that does the same, so the permissions module decides everything and the console can do nothing the API would
 * refuse. It holds no rules of its own.
 *
 * <p>One instance serves every HTTP verticle instance, which share its limits. Signed-in sessions are the auth
 * module's, in the database ({@link Sessions}): any instance serves any session, without sticky sessions.
 */
public final class Console implements RouteContribution {

  private static final int FORM_LIMIT = 64 * 1024;

  private final FailedAuthentications failures;
  private final CookieSecurity cookies;
  private final Signer signer;
  private final SignInCsrf signInCsrf;
  private final Optional<OidcSignIn> oidc;
  private final boolean tokenSignIn;
  private final OpenStreams streams = new OpenStreams(HistoryStream.PER_PERSON);

  /**
   * {@code failures} is the API's own: a wrong token typed into the sign-in form counts like one sent to the API.
   * With {@code oidc}, the provider's discovery starts now.
   */
  public Console(Vertx vertx, ConsoleConfig settings, Optional<OidcConfig> oidc, byte[] signInFormKey,
                 FailedAuthentications failures) {
    this.failures = failures;
    this.cookies = new CookieSecurity(settings.secureCookie());
    this.signer = new Signer(signInFormKey);
    this.signInCsrf = new SignInCsrf(signer, cookies);
    this.oidc = oidc.map(config -> new OidcSignIn(OidcDiscovery.start(vertx, config, OidcDiscovery.FIRST_WAIT), signer, cookies));
    this.tokenSignIn = settings.tokenSignIn();
  }

  @Override
  public void mount(Vertx vertx, Router root) {
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    ConsoleApi api = new ConsoleApi(new Gateway(bus));
    Sessions sessions = new Sessions(new TokenAuthentication(bus, failures), bus, signer, cookies);

    root.route("/webjars/*").handler(SecurityHeaders::handle)
        .handler(StaticHandler.create(Assets.WEBJARS).setMaxAgeSeconds(86_400));
    root.route("/assets/*").handler(SecurityHeaders::handle)
        .handler(StaticHandler.create(Assets.OWN).setMaxAgeSeconds(300));

    root.routeWithRegex(Routes.PATHS).handler(SecurityHeaders::handle);
    root.routeWithRegex(HttpMethod.POST, Routes.PATHS).handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
    Routes.mount(root, api, sessions, new SignInPages(sessions, signInCsrf, failures, oidc, tokenSignIn),
        new HistoryStream(vertx, api, sessions, streams));
  }
}
