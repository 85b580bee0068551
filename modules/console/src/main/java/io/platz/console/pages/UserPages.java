package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.session.Flash;
import io.platz.console.session.Viewer;
import io.platz.console.view.NewToken;
import io.platz.console.view.Pager;
import io.platz.console.view.Times;
import io.platz.console.view.UserRow;
import io.platz.console.view.UsersView;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * /admin/users: provision a person, make or unmake a site admin, deactivate (which revokes every token they hold),
 * and issue a first token so that the new person can sign in.
 */
final class UserPages {

  private static final int PER_PAGE = 50;

  private UserPages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/admin/users").handler(pages.view(UserPages::list));
    router.post("/admin/users").handler(pages.write(UserPages::provision, ctx -> "/admin/users"));
    router.post("/admin/users/:id").handler(pages.write(UserPages::change, ctx -> "/admin/users"));
    router.post("/admin/users/:id/tokens").handler(pages.write(UserPages::issue, ctx -> "/admin/users"));
  }

  private static Future<Outcome> list(RoutingContext ctx, Viewer viewer, Calls calls) {
    return page(ctx, calls, null);
  }

  private static Future<Outcome> page(RoutingContext ctx, Calls calls, NewToken created) {
    int page = Forms.page(ctx);
    return calls.require(HttpMethod.POST, "/users", new JsonObject(), new JsonObject())
        .compose(allowed -> calls.get("/users", Query.of("page", String.valueOf(page), "per_page", String.valueOf(PER_PAGE)).json()))
        .compose(users -> Future.all(Directory.items(users).stream().map(user -> row(calls, user)).toList())
            .map(rows -> Outcome.page("Users - Admin", "users", "users.jte",
                new UsersView(rows.<UserRow>list(), Pager.of(users.getLong("num_total"), page, PER_PAGE, ""), created))));
  }

  /** Whether the viewer may flip this person's flags is the permissions module's answer (nobody changes their own). */
  private static Future<UserRow> row(Calls calls, JsonObject user) {
    String id = user.getString("id");
    return calls.allows(HttpMethod.PUT, "/users/:id", new JsonObject().put("id", id),
            new JsonObject().put("is_admin", !user.getBoolean("is_admin")).put("is_active", user.getBoolean("is_active")))
        .map(manageable -> new UserRow(id, user.getString("display_name"), user.getString("email"), user.getBoolean("is_admin"),
            user.getBoolean("is_active"), Times.show(user.getString("created_at")), manageable));
  }

  private static Future<Outcome> provision(RoutingContext ctx, Viewer viewer, Calls calls) {
    JsonObject body = new JsonObject()
        .put("display_name", Forms.field(ctx, "display_name"))
        .put("email", Forms.field(ctx, "email"))
        .put("is_admin", Forms.checked(ctx, "is_admin"));
    return calls.post("/users", body).map(user -> {
      Flash.success(ctx, user.getString("display_name")
          + " provisioned. Issue them an API token (New API Token) so that they can sign in.");
      return Outcome.redirect("/admin/users");
    });
  }

  private static Future<Outcome> change(RoutingContext ctx, Viewer viewer, Calls calls) {
    String id = Forms.id(ctx, "id");
    String change = String.valueOf(Forms.field(ctx, "change"));
    JsonObject body = switch (change) {
      case "make-admin" -> new JsonObject().put("is_admin", true);
      case "unmake-admin" -> new JsonObject().put("is_admin", false);
      case "deactivate" -> new JsonObject().put("is_active", false);
      case "reactivate" -> new JsonObject().put("is_active", true);
      default -> throw io.platz.common.error.ApiError.badRequest("unknown change");
    };
    return calls.put("/users/:id", id, body).map(user -> {
      Flash.success(ctx, switch (change) {
        case "make-admin" -> user.getString("display_name") + " is now a site admin.";
        case "unmake-admin" -> user.getString("display_name") + " is no longer a site admin.";
        case "deactivate" -> user.getString("display_name") + " is deactivated: every token they held is revoked.";
        default -> user.getString("display_name") + " is active again. Their old tokens stay revoked.";
      });
      return Outcome.redirect("/admin/users" + (ctx.request().getFormAttribute("page") == null ? "" : "?page=" + Forms.page(ctx)));
    });
  }

  private static Future<Outcome> issue(RoutingContext ctx, Viewer viewer, Calls calls) {
    String id = Forms.id(ctx, "id");
    return calls.get("/users/:id", new JsonObject().put("id", id))
        .compose(user -> calls.post("/user-tokens", new JsonObject().put("user_id", id))
            .map(created -> Tokens.issued(ctx, created, user.getString("display_name"))))
        .compose(token -> Forms.htmx(ctx) ? Future.succeededFuture(Tokens.fragment(token, null)) : page(ctx, calls, token));
  }
}
