package io.platz.common.error;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * A failure that is an answer: it carries the HTTP status it maps to and a message fit for a person.
 * It travels over the event bus as {@code message.fail(status, message)} and is turned into the JSON
 * error body by the HTTP failure handler. No stack trace is captured: these are values, not bugs.
 */
public final class ApiError extends RuntimeException {

  /** The one message for every credential problem: never say which part failed. */
  public static final String UNAUTHORIZED_MESSAGE = "missing, invalid or expired credentials";
  /** Immutable and without a stack, so one instance serves every refusal, its body encoded once. */
  private static final ApiError UNAUTHORIZED = new ApiError(401, UNAUTHORIZED_MESSAGE);

  private final int status;
  private volatile Buffer body;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /**
   * The HTTP body, {@code {"message": ...}}, encoded on first use. A refused token is the commonest error and can
   * come at the rate of the bare route; encoding its body once spares each refusal a JSON encoding.
   */
  public Buffer body() {
    // two threads may both encode it: the same bytes, so the race is harmless
    Buffer encoded = body;
    if (encoded == null) {
      encoded = new JsonObject().put("message", getMessage()).toBuffer();
      body = encoded;
    }
    return encoded;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError unauthorized() {
    return UNAUTHORIZED;
  }

  /** The answer to an address that has failed to authenticate too often; it comes with {@code Retry-After}. */
  public static ApiError tooManyFailedAuthentications() {
    return new ApiError(429, "too many failed authentications; try again later");
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, message);
  }

  /** A value larger than this API accepts, like a body over 1 MiB. */
  public static ApiError tooLarge(String message) {
    return new ApiError(413, message);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, what + " not found");
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, message);
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, message);
  }

  public static ApiError timeout(String message) {
    return new ApiError(504, message);
  }

  public static ApiError internal() {
    return new ApiError(500, "internal error");
  }

  /**
   * A failed request on the event bus, mapped once for everyone who asks another module: the replier's code is the
   * status (a 500 or a code that is no HTTP status carries no detail), no handler is 503, a timeout 504.
   */
  public static ApiError fromReply(ReplyException reply) {
    return switch (reply.failureType()) {
      case RECIPIENT_FAILURE -> reply.failureCode() >= 400 && reply.failureCode() <= 599 && reply.failureCode() != 500
          ? new ApiError(reply.failureCode(), reply.getMessage()) : internal();
      case NO_HANDLERS -> unavailable("a service this request needs is unavailable");
      case TIMEOUT -> timeout("an internal step timed out");
      default -> internal();
    };
  }
}
