package io.platz.console.view;

import io.vertx.core.json.JsonObject;

/** One of the person's console sessions: how and from where it signed in, when, and when it was last used. */
public record SessionRow(String handle, String how, String from, String signedInAt, String lastSeen, boolean current) {

  /** One item of the auth module's list of the person's sessions. */
  public static SessionRow of(JsonObject session) {
    return new SessionRow(session.getString("handle"), session.getString("how"), session.getString("from"),
        Times.show(session.getString("signed_in_at")), Times.show(session.getString("last_seen_at")),
        session.getBoolean("current"));
  }
}
