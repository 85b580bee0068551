package io.platz.persistence;

import io.platz.common.error.ApiError;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Maps what the database throws to an {@link ApiError} (another module asked on the bus fails with one already):
 * state conflicts become 409, an unreachable or overloaded database 503. Anything else stays a 500, because it is
 * a bug.
 */
public final class DbErrors {

  private static final Set<String> REFUSED_DATA_CLASSES = Set.of("22", "23", "P0", "PZ");

  private DbErrors() {
  }

  public static ApiError toApiError(Throwable failure) {
    if (failure instanceof ApiError apiError) {
      return apiError;
    }
    if (failure instanceof PgException pg) {
      return ruleBroken(pg).orElseGet(() -> fromSqlState(pg.getSqlState()));
    }
    if (isUnavailable(failure)) {
      return ApiError.unavailable("the database is unavailable; try again shortly");
    }
    return ApiError.internal();
  }

  /**
   * True when the failure says "no database right now" rather than "this request is wrong": any I/O failure on the
   * connection (refused, reset, broken), a closed connection or pool, a timeout, or PostgreSQL shutting down.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof ClosedConnectionException
          || t instanceof ConnectionPoolTooBusyException || t instanceof TimeoutException) {
        return true;
      }
      if (t instanceof VertxException && t.getMessage() != null) {
        String message = t.getMessage().toLowerCase();
        if (message.contains("closed") || message.contains("timeout") || message.contains("connection")) {
          return true;
        }
      }
      if (t instanceof PgException pg && isUnavailableState(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when PostgreSQL refused the statement for the data it carried: a data exception, an integrity violation,
   * or what a trigger raised (classes 22, 23, P0 and this project's PZ). Unlike a lost connection or a timeout, such
   * a statement certainly did not commit.
   */
  public static boolean isRefusedForItsData(Throwable failure) {
    return failure instanceof PgException pg && pg.getSqlState() != null
        && REFUSED_DATA_CLASSES.contains(pg.getSqlState().substring(0, 2));
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  /** The foreign key a failure violated, if that is what it is: lets a caller say which reference was unknown. */
  public static Optional<String> violatedForeignKey(Throwable failure) {
    return failure instanceof PgException pg && "23503".equals(pg.getSqlState())
        ? Optional.ofNullable(pg.getConstraint()) : Optional.empty();
  }

  /**
   * A rule the database itself enforces (a trigger) raises SQLSTATE {@code PZnnn}: nnn is the HTTP status and the
   * message is written for a person.
   */
  private static Optional<ApiError> ruleBroken(PgException pg) {
    String state = pg.getSqlState();
    if (state == null || !state.matches("PZ[45]\\d\\d")) {
      return Optional.empty();
    }
    return Optional.of(new ApiError(Integer.parseInt(state.substring(2)), pg.getErrorMessage()));
  }

  private static ApiError fromSqlState(String state) {
    if (state == null) {
      return ApiError.internal();
    }
    if (isUnavailableState(state)) {
      return ApiError.unavailable("the database is unavailable; try again shortly");
    }
    return switch (state) {
      case "23505" -> ApiError.conflict("it already exists");
      case "23503" -> ApiError.conflict("it refers to something that does not exist, or is still referred to");
      case "23514", "22P02", "22001", "22003", "22007", "22008", "22021", "22023", "2201X", "2201W" ->
          ApiError.badRequest("a value is not valid");
      default -> ApiError.internal();
    };
  }

  /** Connection loss, shutdown, too many clients, serialization failures: retrying later can succeed. */
  private static boolean isUnavailableState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
        || "40001".equals(state) || "40P01".equals(state));
  }
}
