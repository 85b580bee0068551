package io.platz.app.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking HTTP client for one Platz server, so tests read top-down like a person using the API. */
public final class Api {

  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Response get(String path) {
    return get(path, null);
  }

  public Response post(String path, String token, JsonObject body) {
    return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  public Response put(String path, String token, JsonObject body) {
    return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  public Response delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  /** Any method and raw body, for requests a well-behaved client would never send. */
  public Response raw(String method, String path, String token, String body) {
    return send(request(path, token).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * An event stream does not end while it may go on: its answer is the status and headers, with an empty body, and
   * the connection is closed at once (see {@link EventStream} to read one).
   */
  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), info -> EventStream.isOne(info.headers())
          ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), EventStream::closed)
          : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
      Evidence.answer(response.body());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json");
    if (token != null) {
      builder.header("x-platz-token", token);
    }
    return builder;
  }
}
