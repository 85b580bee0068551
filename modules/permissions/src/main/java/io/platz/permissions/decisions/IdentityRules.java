package io.platz.permissions.decisions;

import io.platz.common.auth.Identity;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Scope;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may manage identities: site admins everything; a user their own tokens; any user may read users and
 * bots; bots and deployments none of it. A bot is never a site admin.
 */
final class IdentityRules {

  static final String ADMINS_ONLY = "only site admins may do this";
  private static final String PEOPLE_ONLY = "only users may do this; bots and deployments may not";

  private IdentityRules() {
  }

  static Verdict siteAdmin(Question question) {
    return question.who().siteAdmin() ? Verdict.allow() : Verdict.deny(ADMINS_ONLY);
  }

  static Verdict readPeople(Question question) {
    return question.who().isUser() ? Verdict.read(Scope.ALL) : Verdict.deny(PEOPLE_ONLY);
  }

  static Verdict readBotTokens(Question question) {
    return question.who().siteAdmin() ? Verdict.read(Scope.ALL) : Verdict.deny(ADMINS_ONLY);
  }

  /** Nobody changes their own admin or active flag: a site admin cannot lock out or demote themself by mistake. */
  static Verdict updateUser(Question question) {
    Identity who = question.who();
    if (!who.siteAdmin()) {
      return Verdict.deny(ADMINS_ONLY);
    }
    UUID target = Fields.parseUuid("id", question.params().getString("id"));
    boolean ownFlags = question.body().containsKey("is_admin") || question.body().containsKey("is_active");
    return target.equals(who.id()) && ownFlags ? Verdict.deny("you cannot change your own is_admin or is_active")
        : Verdict.allow();
  }

  static Verdict readUserTokens(Question question) {
    Identity who = question.who();
    if (!who.isUser()) {
      return Verdict.deny(PEOPLE_ONLY);
    }
    if (who.siteAdmin()) {
      return Verdict.read(Scope.ALL);
    }
    boolean othersAsked = Fields.query(question.params()).uuid("user_id").map(user -> !user.equals(who.id())).orElse(false);
    return othersAsked ? Verdict.deny("only site admins may list other users' tokens") : Verdict.read(Scope.ownedBy(who.id()));
  }

  static Verdict createUserToken(Question question) {
    Identity who = question.who();
    if (!who.isUser()) {
      return Verdict.deny(PEOPLE_ONLY);
    }
    boolean forOther = Fields.body(question.body()).uuid("user_id").map(user -> !user.equals(who.id())).orElse(false);
    return forOther && !who.siteAdmin() ? Verdict.deny("only site admins may create tokens for other users") : Verdict.allow();
  }

  /** Someone else's token is answered as not found: a user cannot even learn that it exists. */
  static Verdict revokeUserToken(Question question, Optional<UUID> owner) {
    Identity who = question.who();
    if (!who.isUser()) {
      return Verdict.deny(PEOPLE_ONLY);
    }
    if (who.siteAdmin()) {
      return Verdict.allow();
    }
    return owner.filter(who.id()::equals).isPresent() ? Verdict.allow() : Verdict.hidden("user token");
  }
}
