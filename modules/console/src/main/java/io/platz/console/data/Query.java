package io.platz.console.data;

import io.vertx.core.json.JsonObject;

/** Query parameters as the API receives them: strings, absent when empty. */
public final class Query {

  /** Large enough for every picker and name lookup of a deployment the size Platz is built for. */
  public static final String ALL = "500";

  private final JsonObject params = new JsonObject();

  public static Query of(String... namesAndValues) {
    Query query = new Query();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      query.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return query;
  }

  public Query with(String name, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      params.put(name, value.toString());
    }
    return this;
  }

  public JsonObject json() {
    return params.copy();
  }
}
