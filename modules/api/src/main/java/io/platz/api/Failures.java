package io.platz.api;

import io.platz.common.error.ApiError;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP answer: {@code {"message": ...}} with the status the failure
 * carries. A module's refusal, or its silence, arrives as an {@link ApiError} already (ModuleBus maps replies).
 * A 500 is a bug: it is logged here with its stack and answered with no detail.
 */
public final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {
  }

  /** Failure handler for the router. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ours(ctx.failure());
    ApiError error = classify(ctx.statusCode(), failure);
    if (error.status() >= 500 && !(failure instanceof ApiError)) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    respond(ctx, error);
  }

  /**
   * vertx-web's authentication handler hands on any failure of the provider as a 401 wrapping it: what it wraps is
   * the answer when it is one of ours, so that a verifier that could not answer is still a 503 (and not logged as
   * a bug), not a bad token, and a 429 keeps its status.
   */
  private static Throwable ours(Throwable failure) {
    if (failure instanceof HttpException http && http.getCause() instanceof ApiError) {
      return http.getCause();
    }
    return failure;
  }

  /** Error handler for a status the router decided by itself (404 no route, 405 wrong method). */
  public static void handleStatus(RoutingContext ctx, int status) {
    respond(ctx, classify(status, null));
  }

  public static void respond(RoutingContext ctx, ApiError error) {
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(error.body());
  }

  static ApiError classify(int status, Throwable failure) {
    if (failure instanceof ApiError error) {
      return error;
    }
    if (failure instanceof DecodeException) {
      return ApiError.badRequest("the request body is not valid JSON");
    }
    if (failure instanceof HttpException http) {
      return fromStatus(http.getStatusCode());
    }
    return fromStatus(failure == null || status >= 400 ? status : 500);
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("bad request");
      case 401 -> ApiError.unauthorized();
      case 403 -> ApiError.forbidden("you are not allowed to do this");
      case 404 -> new ApiError(404, "no such resource");
      case 405 -> new ApiError(405, "method not allowed on this resource");
      case 413 -> new ApiError(413, "the request body is larger than 1 MiB");
      case 415 -> new ApiError(415, "send the body as application/json");
      case 503 -> ApiError.unavailable("the service is unavailable");
      case 504 -> ApiError.timeout("an internal step timed out");
      default -> status >= 400 && status < 500 ? new ApiError(status, "request refused") : ApiError.internal();
    };
  }
}
