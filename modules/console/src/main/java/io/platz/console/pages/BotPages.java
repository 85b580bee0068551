package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.session.Flash;
import io.platz.console.session.Viewer;
import io.platz.console.view.BotRow;
import io.platz.console.view.BotView;
import io.platz.console.view.BotsView;
import io.platz.console.view.NewToken;
import io.platz.console.view.Pager;
import io.platz.console.view.Times;
import io.platz.console.view.TokenList;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** /admin/bots and /admin/bots/:id: the seed's walk through bots, over the API's /bots and /bot-tokens. */
final class BotPages {

  private static final int PER_PAGE = 50;

  private BotPages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/admin/bots").handler(pages.view(BotPages::list));
    router.post("/admin/bots").handler(pages.write(BotPages::create, ctx -> "/admin/bots"));
    router.get("/admin/bots/:id").handler(pages.view(BotPages::show));
    router.post("/admin/bots/:id").handler(pages.write(BotPages::edit, BotPages::back));
    router.post("/admin/bots/:id/delete").handler(pages.write(BotPages::delete, BotPages::back));
    router.post("/admin/bots/:id/tokens").handler(pages.write(BotPages::issue, BotPages::back));
    router.post("/admin/bots/:id/tokens/:token/revoke").handler(pages.write(BotPages::revoke, BotPages::back));
  }

  private static String back(RoutingContext ctx) {
    return "/admin/bots/" + Forms.id(ctx, "id");
  }

  /** Site admins only, as the permissions module says (its refusal is the page); deleted bots apart, read-only. */
  private static Future<Outcome> list(RoutingContext ctx, Viewer viewer, Calls calls) {
    int page = Forms.page(ctx);
    return calls.require(HttpMethod.POST, "/bots", new JsonObject(), new JsonObject())
        .compose(allowed -> Future.all(
            calls.get("/bots", Query.of("page", String.valueOf(page), "per_page", String.valueOf(PER_PAGE)).json()),
            calls.get("/bots", Query.of("include_deleted", "true", "per_page", Query.ALL).json())))
        .map(both -> {
          JsonObject live = both.resultAt(0);
          JsonObject all = both.resultAt(1);
          return Outcome.page("Bots - Admin", "bots", "bots.jte", new BotsView(
              Directory.items(live).stream().map(BotPages::row).toList(),
              Directory.items(all).stream().map(BotPages::row).filter(BotRow::deleted).toList(),
              Pager.of(live.getLong("num_total"), page, PER_PAGE, "")));
        });
  }

  private static Future<Outcome> create(RoutingContext ctx, Viewer viewer, Calls calls) {
    JsonObject body = new JsonObject().put("display_name", Forms.field(ctx, "display_name"));
    String description = Forms.field(ctx, "description");
    if (description != null) {
      body.put("description", description);
    }
    return calls.post("/bots", body).map(bot -> {
      Flash.success(ctx, "Bot " + bot.getString("display_name")
          + " created. It has no tokens and no permissions yet: it can't do anything yet.");
      return Outcome.redirect("/admin/bots/" + bot.getString("id"));
    });
  }

  private static Future<Outcome> show(RoutingContext ctx, Viewer viewer, Calls calls) {
    return page(ctx, viewer, calls, null);
  }

  private static Future<Outcome> page(RoutingContext ctx, Viewer viewer, Calls calls, NewToken created) {
    String id = Forms.id(ctx, "id");
    return calls.get("/bots/:id", new JsonObject().put("id", id))
        .compose(bot -> Tokens.rows(calls, viewer, "/bot-tokens", "bot_id", id)
            .map(rows -> Outcome.page(bot.getString("display_name") + " - Bots - Admin", "bots", "bot.jte",
                new BotView(row(bot), tokenList(id, rows, viewer), created))));
  }

  private static TokenList tokenList(String botId, java.util.List<io.platz.console.view.TokenRow> rows, Viewer viewer) {
    return new TokenList("bot", "/admin/bots/" + botId + "/tokens", "/admin/bots/" + botId + "/tokens", rows, viewer.csrf());
  }

  private static Future<Outcome> edit(RoutingContext ctx, Viewer viewer, Calls calls) {
    String id = Forms.id(ctx, "id");
    String description = Forms.field(ctx, "description");
    JsonObject body = new JsonObject().put("display_name", Forms.field(ctx, "display_name")).put("description", description);
    return calls.put("/bots/:id", id, body).map(bot -> {
      Flash.success(ctx, "Saved.");
      return Outcome.redirect("/admin/bots/" + id);
    });
  }

  /** Irreversible: the API retires the id for good, revokes every token and removes every permission. */
  private static Future<Outcome> delete(RoutingContext ctx, Viewer viewer, Calls calls) {
    String id = Forms.id(ctx, "id");
    return calls.get("/bots/:id", new JsonObject().put("id", id))
        .compose(bot -> calls.delete("/bots/:id", id).map(done -> {
          Flash.success(ctx, "Bot " + bot.getString("display_name")
              + " deleted: its tokens are revoked and its permissions removed. History still names it.");
          return Outcome.redirect("/admin/bots");
        }));
  }

  private static Future<Outcome> issue(RoutingContext ctx, Viewer viewer, Calls calls) {
    String id = Forms.id(ctx, "id");
    return calls.get("/bots/:id", new JsonObject().put("id", id))
        .compose(bot -> calls.post("/bot-tokens", new JsonObject().put("bot_id", id))
            .map(created -> Tokens.issued(ctx, created, bot.getString("display_name"))))
        .compose(token -> Forms.htmx(ctx)
            ? Tokens.rows(calls, viewer, "/bot-tokens", "bot_id", id).map(rows -> Tokens.fragment(token, tokenList(id, rows, viewer)))
            : page(ctx, viewer, calls, token));
  }

  private static Future<Outcome> revoke(RoutingContext ctx, Viewer viewer, Calls calls) {
    String token = Forms.id(ctx, "token");
    return calls.delete("/bot-tokens/:id", token).map(done -> {
      Flash.success(ctx, "Token " + token + " revoked: it stops working immediately.");
      return Outcome.redirect(back(ctx));
    });
  }

  static BotRow row(JsonObject bot) {
    return new BotRow(bot.getString("id"), bot.getString("display_name"), bot.getString("description"),
        Times.show(bot.getString("created_at")), bot.getString("deleted_at") == null ? null : Times.show(bot.getString("deleted_at")));
  }
}
