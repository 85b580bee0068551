package io.platz.console.session;

import io.vertx.ext.web.Session;

/** A message shown once on the next page, after a write answered with a redirect (post, redirect, get). */
public record Flash(String kind, String message) {

  static final String KEY = "platz.flash";

  public static void put(Session session, String kind, String message) {
    if (session != null && !session.isDestroyed()) {
      session.put(KEY, kind + "\n" + message);
    }
  }

  public static void success(Session session, String message) {
    put(session, "success", message);
  }

  public static void error(Session session, String message) {
    put(session, "error", message);
  }

  public static Flash take(Session session) {
    if (session == null || session.isDestroyed()) {
      return null;
    }
    String value = session.remove(KEY);
    if (value == null) {
      return null;
    }
    int split = value.indexOf('\n');
    return new Flash(value.substring(0, split), value.substring(split + 1));
  }

  public boolean isError() {
    return "error".equals(kind);
  }
}
