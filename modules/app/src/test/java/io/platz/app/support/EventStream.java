package io.platz.app.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent event stream read as a client library would: its messages (events and comments) in order, each
 * awaited with {@link Eventually#PATIENCE}. A message is an {@link Message#ENDED} once the server closed the stream.
 */
public final class EventStream implements AutoCloseable {

  /** One message: an event's id, name and data, or a comment; {@code retry} for the retry field. */
  public record Message(String id, String event, String data, String comment, String retry) {

    public static final Message ENDED = new Message(null, null, null, null, null);

    public boolean isEvent() {
      return event != null;
    }

    public long seq() {
      return Long.parseLong(id);
    }
  }

  private final int status;
  private final InputStream body;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

  private EventStream(int status, InputStream body) {
    this.status = status;
    this.body = body;
    Thread reader = new Thread(this::read, "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code path} with the token and any extra headers as name, value pairs. */
  public static EventStream open(Api api, String path, String token, String... headers) {
    HttpRequest.Builder request = api.request(path, token).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<InputStream> response = Api.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new EventStream(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static boolean isOne(HttpHeaders headers) {
    return headers.firstValue("content-type").orElse("").startsWith("text/event-stream");
  }

  /** For {@link Api}: a stream's answer is its status; the connection closes. */
  static String closed(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // closed anyway
    }
    return "";
  }

  public int status() {
    return status;
  }

  /** The next message, comments included. */
  public Message next() {
    return next(System.nanoTime() + Eventually.PATIENCE.toNanos());
  }

  private Message next(long deadline) {
    try {
      Message message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new AssertionError("no message on the stream within " + Eventually.PATIENCE);
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next event, past comments; fails if the stream ends first. */
  public Message nextEvent() {
    for (Message message = next(); ; message = next()) {
      if (message == Message.ENDED) {
        throw new AssertionError("the stream ended");
      }
      if (message.isEvent()) {
        return message;
      }
    }
  }

  /** Events until one with at least {@code seq}, that one included. */
  public List<Message> eventsThrough(long seq) {
    List<Message> events = new ArrayList<>();
    Message event;
    do {
      event = nextEvent();
      events.add(event);
    } while (event.seq() < seq);
    return events;
  }

  /** Every message left until the server ends the stream; fails if it does not within the patience, comments or not. */
  public List<Message> untilEnded() {
    long deadline = System.nanoTime() + Eventually.PATIENCE.toNanos();
    List<Message> rest = new ArrayList<>();
    for (Message message = next(deadline); message != Message.ENDED; message = next(deadline)) {
      rest.add(message);
    }
    return rest;
  }

  /** The whole body of an answer that is not a stream (an error's JSON). */
  public String errorBody() {
    try {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    closed(body);
  }

  private void read() {
    if (status != 200) {
      return;
    }
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      StringBuilder data = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (event != null) {
            messages.add(new Message(id, event, data == null ? "" : data.toString(), null, null));
          }
          id = null;
          event = null;
          data = null;
        } else if (line.startsWith(":")) {
          messages.add(new Message(null, null, null, line.substring(1).strip(), null));
        } else if (line.startsWith("retry: ")) {
          messages.add(new Message(null, null, null, null, line.substring(7)));
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // closed by this side: ended too
    }
    messages.add(Message.ENDED);
  }
}
