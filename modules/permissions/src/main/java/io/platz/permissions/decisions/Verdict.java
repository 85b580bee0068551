package io.platz.permissions.decisions;

import io.platz.common.error.ApiError;
import io.platz.common.permissions.PermissionsRequests.Decision;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;

/**
 * The answer to "may this identity do this?", as a plain value so that rules are pure and tested as such:
 * allowed (with what it may see, for reads), or refused with the status the caller gets.
 */
public sealed interface Verdict {

  /** The reply the permissions module sends: the scope for a read, or the refusal as an {@link ApiError}. */
  Future<Decision> reply();

  static Verdict allow() {
    return new Allowed();
  }

  static Verdict read(Scope scope) {
    return new Reads(scope);
  }

  static Verdict deny(String why) {
    return refused(ApiError.forbidden(why));
  }

  /** Not visible to the caller: answered exactly like a row that does not exist, so nothing leaks. */
  static Verdict hidden(String what) {
    return refused(ApiError.notFound(what));
  }

  static Verdict conflict(String why) {
    return refused(ApiError.conflict(why));
  }

  /** The request names something that is not there (a kind's action), once the caller is known to see it. */
  static Verdict invalid(String why) {
    return refused(ApiError.badRequest(why));
  }

  private static Verdict refused(ApiError error) {
    return new Refused(error.status(), error.getMessage());
  }

  record Allowed() implements Verdict {
    @Override
    public Future<Decision> reply() {
      return Future.succeededFuture(new Decision(null));
    }
  }

  record Reads(Scope scope) implements Verdict {
    @Override
    public Future<Decision> reply() {
      return Future.succeededFuture(new Decision(scope));
    }
  }

  /** Refused with the status and message the caller gets, kept as plain values so that verdicts compare. */
  record Refused(int status, String message) implements Verdict {
    @Override
    public Future<Decision> reply() {
      return Future.failedFuture(new ApiError(status, message));
    }
  }
}
