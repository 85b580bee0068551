package io.platz.api;

import io.vertx.core.http.HttpServerResponse;

/** Server-sent events as Platz writes them: the console's History pages and the audit event stream. */
public final class ServerSentEvents {

  private ServerSentEvents() {
  }

  /**
   * Starts a stream: its headers (no proxy may cache or buffer it) and {@code retry:}, how long a client waits
   * before it reconnects when the stream ends.
   */
  public static void begin(HttpServerResponse response, long retryMs) {
    response.putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("x-accel-buffering", "no")
        .setChunked(true);
    response.write("retry: " + retryMs + "\n\n");
  }

  /** An event with an {@code id:} when {@code id} is not null; every line of a multi-line payload gets its own {@code data:}. */
  public static String event(String id, String name, String data) {
    StringBuilder out = new StringBuilder();
    if (id != null) {
      out.append("id: ").append(id).append('\n');
    }
    out.append("event: ").append(name).append('\n');
    data.strip().lines().forEach(line -> out.append("data: ").append(line).append('\n'));
    return out.append('\n').toString();
  }

  /** A comment line, which clients ignore: it keeps a quiet stream from being closed as idle, or says why it ends. */
  public static String comment(String text) {
    return ": " + text + "\n\n";
  }
}
