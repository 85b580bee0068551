package io.platz.audit.api;

/** The event types of contract §5. */
public final class AuditEventTypes {

  public static final String USER_CREATED = "user.created";
  public static final String USER_UPDATED = "user.updated";
  public static final String USER_TOKEN_CREATED = "user_token.created";
  public static final String USER_TOKEN_REVOKED = "user_token.revoked";
  public static final String BOT_CREATED = "bot.created";
  public static final String BOT_UPDATED = "bot.updated";
  public static final String BOT_DELETED = "bot.deleted";
  public static final String BOT_TOKEN_CREATED = "bot_token.created";
  public static final String BOT_TOKEN_REVOKED = "bot_token.revoked";

  private AuditEventTypes() {
  }
}
