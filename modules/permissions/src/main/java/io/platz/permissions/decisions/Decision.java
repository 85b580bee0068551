package io.platz.permissions.decisions;

import io.platz.common.error.ApiError;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The answer to "may this identity do this?": allowed (with what it may see, for reads), or an error. */
public final class Decision {

  private Decision() {
  }

  public static Future<JsonObject> allow() {
    return Future.succeededFuture(new JsonObject());
  }

  public static Future<JsonObject> read(Scope scope) {
    return Future.succeededFuture(new JsonObject().put("scope", scope.toJson()));
  }

  public static Future<JsonObject> deny(String why) {
    return Future.failedFuture(ApiError.forbidden(why));
  }

  /** Not visible to the caller: answered exactly like a row that does not exist, so nothing leaks. */
  public static Future<JsonObject> hidden(String what) {
    return Future.failedFuture(ApiError.notFound(what));
  }
}
