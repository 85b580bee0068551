package io.platz.common.token;

/** The kind of credential a token is, readable from its prefix. */
public enum TokenKind {
  USER("pzu_"),
  BOT("pzb_"),
  DEPLOYMENT("pzd_");

  /** {@code values()} copies its array on every call, and this is read on every authenticated request. */
  private static final TokenKind[] ALL = values();

  private final String prefix;

  TokenKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  static TokenKind ofPrefix(String token) {
    for (TokenKind kind : ALL) {
      if (token.startsWith(kind.prefix)) {
        return kind;
      }
    }
    return null;
  }
}
