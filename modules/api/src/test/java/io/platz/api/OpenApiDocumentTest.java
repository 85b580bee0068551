package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.api.schema.AuthSchemas.AccessCheckAction;
import io.platz.common.permissions.Action;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated document true (contract §1): it documents exactly the routes the API serves — every
 * {@link Endpoints} entry plus the routes {@link ApiVerticle} mounts itself — with each one's success status,
 * and every reference in it resolves.
 */
class OpenApiDocumentTest {

  /** Routed by ApiVerticle itself rather than through {@link Endpoints}, with the status each answers. */
  private static final Map<String, Integer> OWN_ROUTES = Map.of(
      "GET /server", 200,
      "GET " + OpenApiDocument.PATH, 200,
      "GET /auth/me", 200);
  private static final Set<String> UNAUTHENTICATED = Set.of("GET /server", "GET " + OpenApiDocument.PATH);
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  private static JsonObject document;

  @BeforeAll
  static void load() {
    document = new JsonObject(OpenApiDocument.load());
  }

  @Test
  void isOpenApi303ServedUnderApiV2() {
    assertThat(document.getString("openapi")).isEqualTo("3.0.3");
    assertThat(document.getJsonArray("servers")).containsExactly(new JsonObject().put("url", "/api/v2"));
  }

  @Test
  void everyRouteHasAnOperationWithItsSuccessStatus() {
    Map<String, Integer> routes = routes();
    Map<String, JsonObject> operations = operations();
    assertThat(operations.keySet()).containsAll(routes.keySet());
    routes.forEach((route, status) -> assertThat(operations.get(route).getJsonObject("responses").fieldNames())
        .as(route).contains(String.valueOf(status)));
  }

  @Test
  void everyOperationIsARoute() {
    assertThat(new TreeSet<>(operations().keySet())).isEqualTo(new TreeSet<>(routes().keySet()));
  }

  @Test
  void operationsAreNamedOnceAndTagged() {
    Set<String> ids = new HashSet<>();
    Set<String> tags = new HashSet<>();
    document.getJsonArray("tags").forEach(tag -> tags.add(((JsonObject) tag).getString("name")));
    operations().forEach((route, operation) -> {
      assertThat(ids.add(operation.getString("operationId"))).as("operationId of " + route + " is unique").isTrue();
      assertThat(operation.getString("summary")).as(route).isNotBlank();
      assertThat(operation.getJsonArray("tags")).as(route).isNotEmpty()
          .allSatisfy(tag -> assertThat(tags).contains((String) tag));
    });
  }

  @Test
  void onlyTheUnauthenticatedRoutesWaiveSecurityAndTheOthersMayAnswer401And429() {
    assertThat(document.getJsonArray("security")).isNotEmpty();
    operations().forEach((route, operation) -> {
      if (UNAUTHENTICATED.contains(route)) {
        assertThat(operation.getJsonArray("security")).as(route).isEmpty();
      } else {
        assertThat(operation.containsKey("security")).as(route + " keeps the global security").isFalse();
        assertThat(operation.getJsonObject("responses").fieldNames()).as(route).contains("401", "429");
      }
    });
  }

  @Test
  void everyPathParameterIsDeclared() {
    JsonObject paths = document.getJsonObject("paths");
    operations().forEach((route, operation) -> {
      String path = route.substring(route.indexOf(' ') + 1);
      Set<String> declared = new HashSet<>();
      List<Object> parameters = new ArrayList<>();
      paths.getJsonObject(path).getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
      operation.getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
      for (Object parameter : parameters) {
        JsonObject resolved = resolve((JsonObject) parameter);
        if ("path".equals(resolved.getString("in"))) {
          declared.add(resolved.getString("name"));
        }
      }
      Set<String> inPath = new HashSet<>();
      Matcher matcher = PATH_PARAMETER.matcher(path);
      while (matcher.find()) {
        inPath.add(matcher.group(1));
      }
      assertThat(declared).as(route).isEqualTo(inPath);
    });
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty().allSatisfy(ref -> {
      assertThat(ref).startsWith("#/");
      assertThat(pointer(ref)).as(ref).isNotNull();
    });
  }

  /**
   * vertx-openapi parses the document, validates it against the OpenAPI 3.0 meta-schema and resolves it. Its 5.0
   * line rejects a relative server URL, which OpenAPI allows (eclipse-vertx/vertx-openapi#99), so it reads a copy
   * whose server is absolute.
   */
  @Test
  void isAValidOpenApiDocument() throws Exception {
    JsonObject absolute = document.copy()
        .put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost:8080/api/v2")));
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = OpenAPIContract.from(vertx, absolute)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      Set<String> routes = new HashSet<>();
      for (Operation operation : contract.operations()) {
        routes.add(operation.getHttpMethod().name() + " " + operation.getOpenAPIPath());
      }
      assertThat(routes).isEqualTo(routes().keySet());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** {@code POST /auth/check} names actions as the permission rules do: each value is an {@link Action}. */
  @Test
  void everyCheckableActionIsAnAction() {
    assertThat(Arrays.stream(Action.values()).map(Action::name))
        .containsAll(Arrays.stream(AccessCheckAction.values()).map(AccessCheckAction::name).toList());
  }

  /** "METHOD /path" with OpenAPI's {id} for Vert.x's :id, and the success status of each. */
  private static Map<String, Integer> routes() {
    Map<String, Integer> routes = new LinkedHashMap<>(OWN_ROUTES);
    for (Endpoint endpoint : Endpoints.ALL) {
      String path = endpoint.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      assertThat(routes.put(endpoint.method().name() + " " + path, endpoint.status())).as(path).isNull();
    }
    return routes;
  }

  private static Map<String, JsonObject> operations() {
    Map<String, JsonObject> operations = new LinkedHashMap<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        if (item.containsKey(method)) {
          operations.put(HttpMethod.valueOf(method.toUpperCase()).name() + " " + path, item.getJsonObject(method));
        }
      }
    }
    return operations;
  }

  private static JsonObject resolve(JsonObject maybeRef) {
    return maybeRef.containsKey("$ref") ? (JsonObject) pointer(maybeRef.getString("$ref")) : maybeRef;
  }

  private static Object pointer(String ref) {
    Object at = document;
    for (String token : ref.substring(2).split("/")) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (!(at instanceof JsonObject object) || !object.containsKey(key)) {
        return null;
      }
      at = object.getValue(key);
    }
    return at;
  }

  private static void collectRefs(Object value, List<String> refs) {
    if (value instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("$ref")) {
          refs.add((String) entry.getValue());
        } else {
          collectRefs(entry.getValue(), refs);
        }
      });
    } else if (value instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }
}
