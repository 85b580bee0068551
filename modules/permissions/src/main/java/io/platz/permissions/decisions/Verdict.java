package io.platz.permissions.decisions;

import io.platz.common.error.ApiError;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The answer to "may this identity do this?", as a plain value so that rules are pure and tested as such:
 * allowed (with what it may see, for reads), or refused with the status the caller gets.
 */
public sealed interface Verdict {

  /** The reply the permissions module sends: the scope for a read, or the refusal as an {@link ApiError}. */
  Future<JsonObject> reply();

  static Verdict allow() {
    return new Allowed();
  }

  static Verdict read(Scope scope) {
    return new Reads(scope);
  }

  static Verdict deny(String why) {
    return new Denied(why);
  }

  /** Not visible to the caller: answered exactly like a row that does not exist, so nothing leaks. */
  static Verdict hidden(String what) {
    return new Hidden(what);
  }

  record Allowed() implements Verdict {
    @Override
    public Future<JsonObject> reply() {
      return Future.succeededFuture(new JsonObject());
    }
  }

  record Reads(Scope scope) implements Verdict {
    @Override
    public Future<JsonObject> reply() {
      return Future.succeededFuture(new JsonObject().put("scope", scope.toJson()));
    }
  }

  record Denied(String why) implements Verdict {
    @Override
    public Future<JsonObject> reply() {
      return Future.failedFuture(ApiError.forbidden(why));
    }
  }

  record Hidden(String what) implements Verdict {
    @Override
    public Future<JsonObject> reply() {
      return Future.failedFuture(ApiError.notFound(what));
    }
  }

  record Conflict(String why) implements Verdict {
    @Override
    public Future<JsonObject> reply() {
      return Future.failedFuture(ApiError.conflict(why));
    }
  }

  /** The request names something that is not there (a kind's action), once the caller is known to see it. */
  record Invalid(String why) implements Verdict {
    @Override
    public Future<JsonObject> reply() {
      return Future.failedFuture(ApiError.badRequest(why));
    }
  }
}
