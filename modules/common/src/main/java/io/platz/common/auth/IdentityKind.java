package io.platz.common.auth;

/** Who can hold a credential. The JSON names are the externally tagged keys of {@code GET /auth/me}. */
public enum IdentityKind {
  USER("User"),
  BOT("Bot"),
  DEPLOYMENT("Deployment");

  private final String jsonName;

  IdentityKind(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public static IdentityKind fromJson(String name) {
    for (IdentityKind kind : values()) {
      if (kind.jsonName.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown identity kind " + name);
  }
}
