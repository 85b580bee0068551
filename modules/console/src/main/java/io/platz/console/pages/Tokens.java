package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.session.Viewer;
import io.platz.console.view.NewToken;
import io.platz.console.view.Times;
import io.platz.console.view.TokenList;
import io.platz.console.view.TokenRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The token list and the show-once dialog, shared by a bot's page, the users page and the profile. */
final class Tokens {

  private Tokens() {
  }

  /** The live tokens at {@code path} ({@code /bot-tokens} or {@code /user-tokens}) filtered by {@code owner}. */
  static Future<List<TokenRow>> rows(Calls calls, Viewer viewer, String path, String ownerField, String ownerId) {
    Directory names = new Directory(calls);
    return calls.get(path, Query.of(ownerField, ownerId, "per_page", Query.ALL).json())
        .compose(page -> Future.all(Directory.items(page).stream().map(token -> row(names, viewer, token)).toList()))
        .map(all -> all.<TokenRow>list());
  }

  private static Future<TokenRow> row(Directory names, Viewer viewer, JsonObject token) {
    String creator = token.getString("created_by_user_id");
    return (creator == null ? Future.<String>succeededFuture("—") : names.user(creator).map(user -> user.name()))
        .map(createdBy -> new TokenRow(token.getString("id"), Times.show(token.getString("created_at")), createdBy,
            Times.lastUsed(token.getString("last_used_at"), Instant.now()),
            token.getString("expires_at") == null ? "never" : Times.show(token.getString("expires_at")),
            token.getString("id").equals(String.valueOf(viewer.identity().tokenId()))));
  }

  /** The issued token as the dialog shows it, with a curl line the person can paste to try it. */
  static NewToken issued(RoutingContext ctx, JsonObject created, String owner) {
    String token = created.getString("created_token");
    return new NewToken(created.getString("id"), token, owner,
        "curl -H 'x-platz-token: " + token + "' " + Forms.origin(ctx) + "/api/v2/deployments");
  }

  /**
   * htmx gets the dialog and, out of band, the refreshed list; a form sent without script gets the whole page
   * with the dialog open. Either answer is {@code no-store}, so a reload or the back button cannot show it again.
   */
  static Outcome.Fragment fragment(NewToken token, TokenList list) {
    return new Outcome.Fragment("tokenIssued.jte", new java.util.HashMap<>(Map.of("token", token, "list", list == null ? NO_LIST : list,
        "refreshList", list != null)));
  }

  private static final TokenList NO_LIST = new TokenList("", "", "", List.of(), "");
}
