package io.platz.console.view;

import io.platz.console.session.SignedInSessionStore.Listed;
import java.time.Instant;

/** One of the person's console sessions: how and from where it signed in, when, and when it was last used. */
public record SessionRow(String handle, String how, String from, String signedInAt, String lastSeen, boolean current) {

  public static SessionRow of(Listed session) {
    return new SessionRow(session.handle(), session.how(), session.from(),
        Times.show(Instant.ofEpochMilli(session.signedInAt()).toString()),
        Times.show(Instant.ofEpochMilli(session.lastSeen()).toString()), session.current());
  }
}
