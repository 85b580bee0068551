package io.platz.console.view;

/**
 * A user, a bot or a deployment as a page names it: by its name, with its kind shown for bots and deployments,
 * and marked when it has been deleted (history keeps naming it).
 */
public record Principal(String kind, String id, String name, boolean deleted) {

  public static final String USER = "User";
  public static final String BOT = "Bot";
  public static final String DEPLOYMENT = "Deployment";

  public boolean isUser() {
    return USER.equals(kind);
  }

  public boolean isBot() {
    return BOT.equals(kind);
  }

  public boolean isDeployment() {
    return DEPLOYMENT.equals(kind);
  }

  /** The value of a picker option: {@code user:<id>} or {@code bot:<id>}. */
  public String pick() {
    return kind.toLowerCase() + ":" + id;
  }

  /** The label of a picker option: a bot says it is one. */
  public String label() {
    return isBot() ? name + " (bot)" : name;
  }
}
