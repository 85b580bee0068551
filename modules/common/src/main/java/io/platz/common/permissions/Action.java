package io.platz.common.permissions;

/**
 * What a caller asks to do, as the HTTP verticle names it when it asks the permissions module. The rules for
 * each live in the permissions module; this is only the vocabulary. Reads answer with a {@link Scope}.
 */
public enum Action {
  USERS_READ,
  USERS_CREATE,
  USERS_UPDATE,
  USER_TOKENS_READ,
  USER_TOKENS_CREATE,
  USER_TOKENS_REVOKE,
  BOTS_READ,
  BOTS_CREATE,
  BOTS_UPDATE,
  BOTS_DELETE,
  BOT_TOKENS_READ,
  BOT_TOKENS_CREATE,
  BOT_TOKENS_REVOKE;

  public boolean isRead() {
    return name().endsWith("_READ");
  }
}
