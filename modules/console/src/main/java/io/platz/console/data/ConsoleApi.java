package io.platz.console.data;

import io.platz.api.Endpoint;
import io.platz.api.Endpoints;
import io.platz.api.Gateway;
import io.platz.common.auth.Identity;
import io.platz.common.error.ApiError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON API's endpoints, called in-process: a method and path of {@link Endpoints#ALL} names the action the
 * permissions module decides and the operation that executes it, so the console asks exactly what an API client
 * would ask and gets exactly its answer, refusals included.
 */
public final class ConsoleApi {

  private final Gateway gateway;
  private final Map<String, Endpoint> endpoints = new HashMap<>();

  public ConsoleApi(Gateway gateway) {
    this.gateway = gateway;
    Endpoints.ALL.forEach(endpoint -> endpoints.put(endpoint.method().name() + " " + endpoint.path(), endpoint));
  }

  /** The calls of one signed-in person. */
  public Calls as(Identity caller) {
    return new Calls(caller);
  }

  private Endpoint endpoint(HttpMethod method, String path) {
    Endpoint endpoint = endpoints.get(method.name() + " " + path);
    if (endpoint == null) {
      throw new IllegalArgumentException("the JSON API has no endpoint " + method + " " + path);
    }
    return endpoint;
  }

  /** What one caller may ask; each method mirrors an HTTP verb of the API. */
  public final class Calls {

    private final Identity caller;

    private Calls(Identity caller) {
      this.caller = caller;
    }

    public Identity caller() {
      return caller;
    }

    /** {@code GET path} with query parameters; a path with {@code :id} takes it from {@code params}. */
    public Future<JsonObject> get(String path, JsonObject params) {
      return call(HttpMethod.GET, path, params, new JsonObject());
    }

    public Future<JsonObject> post(String path, JsonObject body) {
      return call(HttpMethod.POST, path, new JsonObject(), body);
    }

    public Future<JsonObject> put(String path, String id, JsonObject body) {
      return call(HttpMethod.PUT, path, new JsonObject().put("id", id), body);
    }

    public Future<JsonObject> delete(String path, String id) {
      return call(HttpMethod.DELETE, path, new JsonObject().put("id", id), new JsonObject());
    }

    /** Whether the permissions module would allow the call: what the console offers follows its answer. */
    public Future<Boolean> allows(HttpMethod method, String path, JsonObject params, JsonObject body) {
      Endpoint endpoint = endpoint(method, path);
      return gateway.decide(caller, endpoint.action(), params, body)
          .map(true)
          .recover(failure -> failure instanceof ApiError refused && (refused.status() == 403 || refused.status() == 404)
              ? Future.succeededFuture(false) : Future.failedFuture(failure));
    }

    /** The same question, failing with the permissions module's own refusal: for a page that is nothing but that action. */
    public Future<Void> require(HttpMethod method, String path, JsonObject params, JsonObject body) {
      Endpoint endpoint = endpoint(method, path);
      return gateway.decide(caller, endpoint.action(), params, body).mapEmpty();
    }

    private Future<JsonObject> call(HttpMethod method, String path, JsonObject params, JsonObject body) {
      Endpoint endpoint = endpoint(method, path);
      return gateway.performJson(caller, endpoint.action(), endpoint.operation(), params, body);
    }
  }
}
