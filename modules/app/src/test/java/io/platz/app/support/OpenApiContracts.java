package io.platz.app.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;

/** The served OpenAPI document as vertx-openapi reads it, for tests that validate requests and answers with it. */
public final class OpenApiContracts {

  private OpenApiContracts() {
  }

  public static OpenAPIContract of(Vertx vertx, JsonObject document) throws Exception {
    // vertx-openapi 5.0 rejects a relative server URL (eclipse-vertx/vertx-openapi#99); the paths are what matter
    JsonObject readable = ((JsonObject) withoutNullable(document.copy()))
        .put("servers", new JsonArray().add(new JsonObject().put("url", "http://127.0.0.1/api/v2")));
    return await(OpenAPIContract.from(vertx, readable));
  }

  /**
   * vertx-json-schema ignores OpenAPI 3.0's {@code nullable} (eclipse-vertx/vertx-json-schema#62), so each nullable
   * schema is given to it as what the keyword means: {@code anyOf: [the schema, null]}.
   */
  private static Object withoutNullable(Object value) {
    if (value instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      object.forEach(entry -> copy.put(entry.getKey(), withoutNullable(entry.getValue())));
      if (Boolean.TRUE.equals(copy.remove("nullable"))) {
        return new JsonObject().put("anyOf", new JsonArray().add(copy).add(new JsonObject().put("enum", new JsonArray().addNull())));
      }
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(withoutNullable(item)));
      return copy;
    }
    return value;
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
