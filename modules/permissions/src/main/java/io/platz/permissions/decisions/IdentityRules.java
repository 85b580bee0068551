package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.SameLoop;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Who may manage identities: site admins everything; a user their own tokens; any user may read users and
 * bots; bots and deployments none of it. A bot is never a site admin.
 */
public final class IdentityRules {

  static final String ADMINS_ONLY = "only site admins may do this";
  private static final String PEOPLE_ONLY = "only users may do this; bots and deployments may not";

  private final EventBus bus;

  public IdentityRules(EventBus bus) {
    this.bus = bus;
  }

  public Future<JsonObject> decide(Identity who, Action action, JsonObject params, JsonObject body) {
    return switch (action) {
      case USERS_READ, BOTS_READ -> who.isUser() ? Decision.read(Scope.ALL) : Decision.deny(PEOPLE_ONLY);
      case BOT_TOKENS_READ -> who.siteAdmin() ? Decision.read(Scope.ALL) : Decision.deny(ADMINS_ONLY);
      case USERS_CREATE, BOTS_CREATE, BOTS_UPDATE, BOTS_DELETE, BOT_TOKENS_CREATE, BOT_TOKENS_REVOKE -> siteAdmin(who);
      case USERS_UPDATE -> updateUser(who, params, body);
      case USER_TOKENS_READ -> readUserTokens(who, params);
      case USER_TOKENS_CREATE -> createUserToken(who, body);
      case USER_TOKENS_REVOKE -> revokeUserToken(who, params);
      default -> throw new IllegalArgumentException(action + " is not an identity action");
    };
  }

  static Future<JsonObject> siteAdmin(Identity who) {
    return who.siteAdmin() ? Decision.allow() : Decision.deny(ADMINS_ONLY);
  }

  /** Nobody changes their own admin or active flag: a site admin cannot lock out or demote themself by mistake. */
  private static Future<JsonObject> updateUser(Identity who, JsonObject params, JsonObject body) {
    if (!who.siteAdmin()) {
      return Decision.deny(ADMINS_ONLY);
    }
    UUID target = Fields.parseUuid("id", params.getString("id"));
    if (target.equals(who.id()) && (body.containsKey("is_admin") || body.containsKey("is_active"))) {
      return Decision.deny("you cannot change your own is_admin or is_active");
    }
    return Decision.allow();
  }

  private static Future<JsonObject> readUserTokens(Identity who, JsonObject params) {
    if (!who.isUser()) {
      return Decision.deny(PEOPLE_ONLY);
    }
    if (who.siteAdmin()) {
      return Decision.read(Scope.ALL);
    }
    boolean othersAsked = Fields.query(params).uuid("user_id").map(user -> !user.equals(who.id())).orElse(false);
    return othersAsked ? Decision.deny("only site admins may list other users' tokens") : Decision.read(Scope.ownedBy(who.id()));
  }

  private static Future<JsonObject> createUserToken(Identity who, JsonObject body) {
    if (!who.isUser()) {
      return Decision.deny(PEOPLE_ONLY);
    }
    boolean forOther = Fields.body(body).uuid("user_id").map(user -> !user.equals(who.id())).orElse(false);
    return forOther && !who.siteAdmin() ? Decision.deny("only site admins may create tokens for other users") : Decision.allow();
  }

  /** Someone else's token is answered as not found: a user cannot even learn that it exists. */
  private Future<JsonObject> revokeUserToken(Identity who, JsonObject params) {
    if (!who.isUser()) {
      return Decision.deny(PEOPLE_ONLY);
    }
    if (who.siteAdmin()) {
      return Decision.allow();
    }
    UUID token = Fields.parseUuid("id", params.getString("id"));
    return bus.<JsonObject>request(SameLoop.address(Addresses.Auth.USER_TOKENS_OWNER), new JsonObject().put("id", token.toString()), SameLoop.LOCAL)
        .compose(owner -> who.id().toString().equals(owner.body().getString("user_id"))
            ? Decision.allow() : Decision.hidden("user token"));
  }
}
