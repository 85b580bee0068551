package io.platz.console.data;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.view.Option;
import io.platz.console.view.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Names for ids, read through the API as the viewer, once per request: a user by display name, a bot by its
 * name (a deleted one too, marked), a deployment by its name. What the viewer may not read is shown by its id.
 */
public final class Directory {

  private final Calls calls;
  private final Map<String, Future<Principal>> known = new HashMap<>();

  public Directory(Calls calls) {
    this.calls = calls;
  }

  public Future<Principal> user(String id) {
    return lookup(Principal.USER, "/users/:id", id, user -> user.getString("display_name"), user -> false);
  }

  public Future<Principal> bot(String id) {
    return lookup(Principal.BOT, "/bots/:id", id, bot -> bot.getString("display_name"), bot -> bot.getValue("deleted_at") != null);
  }

  public Future<Principal> deployment(String id) {
    return lookup(Principal.DEPLOYMENT, "/deployments/:id", id, d -> d.getString("name"), d -> d.getValue("deleted_at") != null);
  }

  /** The one of {@code user_id} or {@code bot_id} (or {@code deployment_id}) that a row names, under {@code prefix}. */
  public Future<Principal> holder(JsonObject row, String prefix) {
    if (row.getString(prefix + "user_id") != null) {
      return user(row.getString(prefix + "user_id"));
    }
    if (row.getString(prefix + "bot_id") != null) {
      return bot(row.getString(prefix + "bot_id"));
    }
    if (row.getString(prefix + "deployment_id") != null) {
      return deployment(row.getString(prefix + "deployment_id"));
    }
    return Future.succeededFuture(null);
  }

  private Future<Principal> lookup(String kind, String path, String id, Function<JsonObject, String> name,
                                   Function<JsonObject, Boolean> deleted) {
    if (id == null) {
      return Future.succeededFuture(null);
    }
    return known.computeIfAbsent(kind + id, key -> calls.get(path, new JsonObject().put("id", id))
        .map(found -> new Principal(kind, id, name.apply(found), deleted.apply(found)))
        .otherwise(failure -> new Principal(kind, id, id, false)));
  }

  /** Active users, for a picker. */
  public Future<List<Principal>> activeUsers() {
    return calls.get("/users", Query.of("per_page", Query.ALL, "is_active", "true").json())
        .map(page -> items(page).stream().map(user -> new Principal(Principal.USER, user.getString("id"),
            user.getString("display_name"), false)).toList());
  }

  /** Live bots, for a picker. */
  public Future<List<Principal>> liveBots() {
    return calls.get("/bots", Query.of("per_page", Query.ALL).json())
        .map(page -> items(page).stream().map(bot -> new Principal(Principal.BOT, bot.getString("id"),
            bot.getString("display_name"), false)).toList());
  }

  /** Every user, for a filter (a deactivated user's tasks stay in History). */
  public Future<List<Option>> userOptions(String selected) {
    return calls.get("/users", Query.of("per_page", Query.ALL).json())
        .map(page -> items(page).stream().map(user -> new Option(user.getString("id"),
            user.getString("display_name") + (user.getBoolean("is_active", true) ? "" : " (deactivated)"),
            user.getString("id").equals(selected))).toList());
  }

  /** Every bot, deleted ones marked, for a filter. */
  public Future<List<Option>> botOptions(String selected) {
    return calls.get("/bots", Query.of("per_page", Query.ALL, "include_deleted", "true").json())
        .map(page -> items(page).stream().map(bot -> new Option(bot.getString("id"),
            bot.getString("display_name") + (bot.getValue("deleted_at") == null ? "" : " (deleted)"),
            bot.getString("id").equals(selected))).toList());
  }

  public static List<JsonObject> items(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> (JsonObject) item).toList();
  }
}
