package io.platz.common.token;

/** The kind of credential a token is, readable from its prefix. */
public enum TokenKind {
  USER("pzu_"),
  BOT("pzb_"),
  DEPLOYMENT("pzd_");

  private final String prefix;

  TokenKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  static TokenKind ofPrefix(String token) {
    for (TokenKind kind : values()) {
      if (token.startsWith(kind.prefix)) {
        return kind;
      }
    }
    return null;
  }
}
