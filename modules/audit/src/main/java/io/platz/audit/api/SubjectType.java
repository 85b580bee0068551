package io.platz.audit.api;

/** What an audit event is about, as its {@code subject_type} names it. */
public enum SubjectType {
  USER("User"),
  USER_TOKEN("UserToken"),
  BOT("Bot"),
  BOT_TOKEN("BotToken"),
  ENV("Env"),
  ENV_USER_PERMISSION("EnvUserPermission"),
  DEPLOYMENT_KIND("DeploymentKind"),
  DEPLOYMENT_PERMISSION("DeploymentPermission"),
  DEPLOYMENT("Deployment"),
  DEPLOYMENT_TOKEN("DeploymentToken"),
  DEPLOYMENT_TASK("DeploymentTask");

  private final String jsonName;

  SubjectType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** As it is stored and sent: {@code "EnvUserPermission"}. */
  public String jsonName() {
    return jsonName;
  }
}
