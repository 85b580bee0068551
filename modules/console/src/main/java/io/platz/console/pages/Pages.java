package io.platz.console.pages;

import io.platz.common.error.ApiError;
import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.ConsoleApi;
import io.platz.console.data.Query;
import io.platz.console.session.Csrf;
import io.platz.console.session.Flash;
import io.platz.console.session.Viewer;
import io.platz.console.view.ErrorView;
import io.platz.console.view.Layout;
import io.platz.console.view.Nav;
import io.platz.console.web.Views;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs console handlers and turns their outcome into HTTP: pages in the frame, redirects, htmx fragments, and
 * failures. A refusal of the API becomes a page that says what the API said (a write's refusal a message on the
 * page it came from); anything else is a 500 with no detail, logged here. Nothing a person typed is echoed into a
 * log.
 */
public final class Pages {

  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  private final ConsoleApi api;

  public Pages(ConsoleApi api) {
    this.api = api;
  }

  /** A page: GET, no side effects. */
  public Handler<RoutingContext> view(PageHandler handler) {
    return ctx -> run(ctx, handler, null);
  }

  /** A write: refused without the session's CSRF token; a refusal of the API returns to {@code back} with its message. */
  public Handler<RoutingContext> write(PageHandler handler, Function<RoutingContext, String> back) {
    return ctx -> {
      if (!Csrf.valid(ctx)) {
        forbidden(ctx);
        return;
      }
      run(ctx, handler, back);
    };
  }

  private void run(RoutingContext ctx, PageHandler handler, Function<RoutingContext, String> back) {
    Viewer viewer = Viewer.of(ctx);
    Calls calls = api.as(viewer.identity());
    Future<Outcome> outcome;
    try {
      outcome = handler.handle(ctx, viewer, calls);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.compose(done -> answer(ctx, viewer, calls, done))
        .onFailure(failure -> fail(ctx, viewer, calls, failure, back));
  }

  private Future<Void> answer(RoutingContext ctx, Viewer viewer, Calls calls, Outcome outcome) {
    if (outcome instanceof Outcome.Redirect redirect) {
      redirect(ctx, redirect.location());
      return Future.succeededFuture();
    }
    if (outcome instanceof Outcome.Fragment fragment) {
      html(ctx, 200, Views.render(fragment.template(), fragment.params()));
      return Future.succeededFuture();
    }
    Outcome.Page page = (Outcome.Page) outcome;
    return layout(ctx, viewer, calls, page.title(), page.active())
        .map(layout -> {
          html(ctx, page.status(), Views.render(page.template(), Map.of("layout", layout, "view", page.view())));
          return null;
        });
  }

  /** The frame: each admin entry of the navigation is there when the permissions module says the viewer may use it. */
  private static Future<Layout> layout(RoutingContext ctx, Viewer viewer, Calls calls, String title, String active) {
    Future<Boolean> bots = calls.allows(HttpMethod.POST, "/bots", new JsonObject(), new JsonObject());
    Future<Boolean> users = calls.allows(HttpMethod.POST, "/users", new JsonObject(), new JsonObject());
    Future<Boolean> audit = calls.allows(HttpMethod.GET, "/audit-events", Query.of().json(), new JsonObject());
    return Future.all(bots, users, audit).map(all -> new Layout(title + " - Platz",
        new Nav(viewer.displayName(), active, bots.result(), users.result(), audit.result()),
        viewer.csrf(), Flash.take(ctx)));
  }

  private void fail(RoutingContext ctx, Viewer viewer, Calls calls, Throwable failure, Function<RoutingContext, String> back) {
    if (ctx.response().ended()) {
      return;
    }
    ApiError error = failure instanceof ApiError api ? api : null;
    if (error == null || error.status() >= 500) {
      if (error == null) {
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      }
      error = error == null ? ApiError.internal() : error;
    }
    if (back != null && error.status() < 500) {
      Flash.error(ctx, sentence(error.getMessage()));
      redirect(ctx, back.apply(ctx));
      return;
    }
    errorPage(ctx, viewer, calls, error);
  }

  private static void errorPage(RoutingContext ctx, Viewer viewer, Calls calls, ApiError error) {
    String title = error.status() == 404 ? "Not found" : error.status() == 403 ? "Not allowed" : "Error";
    String message = error.status() == 404 ? "There is nothing here, or nothing you may see."
        : error.status() == 500 ? "Something went wrong on our side. Please try again." : sentence(error.getMessage());
    layout(ctx, viewer, calls, title, "")
        .recover(nav -> Future.succeededFuture(new Layout(title + " - Platz", null, viewer.csrf(), null)))
        .onSuccess(layout -> html(ctx, error.status(), Views.render("error.jte",
            Map.of("layout", layout, "view", new ErrorView(error.status(), title, message)))));
  }

  /** A write without the session's CSRF token: refused before anything is asked. */
  static void forbidden(RoutingContext ctx) {
    error(ctx, 403, "Not allowed", "This form has expired or did not come from this console. Reload the page and try again.");
  }

  /** A failure no handler answered (a form over the size limit, a bug): a page with no detail. */
  public static void failure(RoutingContext ctx, int status) {
    String message = status == 413 ? "That form is too large." : status < 500 ? "The request was refused." : "Something went wrong on our side. Please try again.";
    error(ctx, status, "Error", message);
  }

  /** For a page the console has no route for. */
  public static void notFound(RoutingContext ctx) {
    error(ctx, 404, "Not found", "There is nothing here, or nothing you may see.");
  }

  /** A page that says only why the request was refused, without the frame of a signed-in person. */
  public static void error(RoutingContext ctx, int status, String title, String message) {
    html(ctx, status, Views.render("error.jte", Map.of("layout", new Layout(title + " - Platz", null, null, null),
        "view", new ErrorView(status, title, message))));
  }

  public static void html(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status)
        .putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(body);
  }

  /** After a write: 303 for a form, {@code HX-Redirect} for htmx, which then loads the page in full. */
  public static void redirect(RoutingContext ctx, String location) {
    ctx.response().putHeader("cache-control", "no-store");
    if (ctx.request().getHeader("HX-Request") != null) {
      ctx.response().putHeader("HX-Redirect", location).end();
    } else {
      ctx.response().setStatusCode(303).putHeader("location", location).end();
    }
  }

  /** The API's messages are lower-case clauses; the console shows sentences. */
  static String sentence(String message) {
    if (message == null || message.isEmpty()) {
      return "The request was refused.";
    }
    String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return text.endsWith(".") ? text : text + ".";
  }
}
