package io.platz.console.pages;

import io.platz.console.data.ConsoleApi;
import io.platz.console.live.HistoryStream;
import io.platz.console.session.Sessions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's routes, after its security headers, form bodies and sessions are in place. */
public final class Routes {

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  /** Every path the console answers, beside its assets. */
  public static final String PATHS = "^/(login|logout|auth/oidc/(start|callback)|admin(/.*)?|profile(/.*)?|envs(/.*)?)?$";
  private static final String SIGNED_IN_PATHS = "^/(admin(/.*)?|profile(/.*)?|envs(/.*)?)?$";

  private Routes() {
  }

  public static void mount(Router router, ConsoleApi api, Sessions sessions, SignInPages signIn, HistoryStream history) {
    signIn.mount(router);
    router.routeWithRegex(SIGNED_IN_PATHS).handler(sessions::requireViewer);
    router.get("/").handler(ctx -> Pages.redirect(ctx, "/envs"));
    Pages pages = new Pages(api);
    BotPages.mount(router, pages);
    UserPages.mount(router, pages);
    ProfilePages.mount(router, pages, sessions);
    router.get("/envs/:env/history/live").handler(history::open);
    HistoryPages.mount(router, pages);
    SettingsPages.mount(router, pages);
    EnvPages.mount(router, pages);
    AuditPages.mount(router, pages);
    // the JSON API answers its own unknown paths in JSON; the console's are pages
    router.routeWithRegex(PATHS).handler(Pages::notFound);
    router.routeWithRegex(PATHS).failureHandler(ctx -> {
      int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
      if (status >= 500) {
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      }
      if (ctx.response().headWritten()) {
        ctx.request().connection().close();
      } else {
        Pages.failure(ctx, status);
      }
    });
  }
}
