package io.platz.common.audit;

import java.util.Arrays;
import java.util.List;

/** Who an audit event says acted: a user, a bot, a deployment (with its credential), or Platz itself. */
public enum AuditActorType {
  USER("User"),
  BOT("Bot"),
  DEPLOYMENT("Deployment"),
  SYSTEM("System");

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Arrays.stream(values()).map(AuditActorType::jsonName).toList();

  private final String jsonName;

  AuditActorType(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
