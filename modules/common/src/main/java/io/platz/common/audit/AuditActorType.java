package io.platz.common.audit;

import io.platz.common.json.Word;
import java.util.List;

/** Who an audit event says acted: a user, a bot, a deployment (with its credential), or Platz itself. */
public enum AuditActorType implements Word {
  USER, BOT, DEPLOYMENT, SYSTEM;

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Word.names(values());
}
