package io.platz.api;

import static io.platz.api.OperationDoc.doc;

import io.platz.api.document.Header;
import io.platz.api.document.Schemas;
import io.platz.api.document.Shape;
import io.platz.api.schema.AuthSchemas.MeResponse;
import io.platz.api.schema.CommonSchemas;
import io.platz.api.schema.CommonSchemas.Paginated;
import io.platz.api.schema.CommonSchemas.ServerInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 document of the JSON API, served unauthenticated at {@code /api/v2/openapi.json}. Nobody writes it:
 * it is generated once per process from {@link Endpoints} (paths, operations, statuses, who may call) and the
 * records each row names for its query, body and answer ({@link Schemas} turns those into JSON schemas). This class
 * holds only what belongs to the whole document: its title, the credentials, the error answers and the tags.
 */
public final class OpenApiDocument {

  public static final String PATH = "/openapi.json";

  /** Routed by {@link ApiVerticle} itself rather than through {@link Endpoints}. */
  static final List<DocumentedRoute> OWN_ROUTES = List.of(
      new DocumentedRoute(HttpMethod.GET, "/server", 200, false, "Server", Void.class, ServerInfo.class, doc("getServerInfo", "The server's version", "No credentials needed.")),
      new DocumentedRoute(HttpMethod.GET, PATH, 200, false, "Server", Void.class, JsonObject.class, doc("getOpenApiDocument", "This OpenAPI document", "No credentials needed.")),
      new DocumentedRoute(HttpMethod.GET, "/auth/me", 200, true, "Auth", Void.class, MeResponse.class, doc("authMe", "Who the caller is", "Externally tagged: {\"User\": ...}, {\"Bot\": ...} or {\"Deployment\": {\"id\", \"name\", \"env_id\"}}.")));

  private static final String DESCRIPTION = "Users, bots and API tokens, deployments and their credentials, env and"
      + " deployment-kind roles, deployment tasks and the audit trail. JSON in and out; every error is {\"message\":"
      + " ...}. Lists take page and per_page and answer {page, per_page, num_total, items}. Credentials go in"
      + " x-platz-token or Authorization: Bearer (x-platz-token wins when both are present). In request bodies, no"
      + " string or key anywhere (free-form values included) may contain NUL (U+0000) or a lone UTF-16 surrogate, and"
      + " every number must be finite: each is a 400 naming the field. An optional field given as null is taken as left"
      + " out (as upstream Platz does): unchanged in an update, its default in a create, except where a field says null"
      + " clears it. A method a path does not have is 405, with an Allow header listing those it has.";

  private static final Map<String, String> TAGS = tags(
      "Server", "The server itself; no credentials needed.",
      "Auth", "Who the caller is, and what it may do.",
      "Users", "People. Site admins provision and deactivate them.",
      "User Tokens", "API tokens of users.",
      "Bots", "Service identities, managed by site admins.",
      "Bot Tokens", "API tokens of bots.",
      "Envs", "Envs, which hold deployments.",
      "Env User Permissions", "Env roles of users and bots.",
      "Deployment Kinds", "Kinds of deployments and their actions.",
      "Deployment Permissions", "Roles of users and bots on a deployment kind in an env.",
      "Deployments", "Deployments and their credentials.",
      "Deployment Tasks", "What was asked of deployments, by whom, and how it went.",
      "Audit Events", "Every security-relevant change.");

  /** The error answers operations share, by status; each answers {@code Error}. */
  private static final Map<Integer, ErrorAnswer> ERRORS = Map.of(
      400, new ErrorAnswer("BadRequest", "Malformed JSON, an invalid field or an invalid query value."),
      401, new ErrorAnswer("Unauthorized", "No, malformed, unknown, revoked or expired credentials (always the same message)."),
      403, new ErrorAnswer("Forbidden", "Authenticated but not allowed."),
      404, new ErrorAnswer("NotFound", "No such resource, or one the caller may not see."),
      409, new ErrorAnswer("Conflict", "A uniqueness or state conflict."),
      429, new ErrorAnswer("TooManyFailedAuthentications", "Too many failed authentications from this address: wait the"
          + " given seconds. Valid credentials are never refused this way."));
  private static final String OTHER_ERRORS = "Any other error: 413 body over 1 MiB, or a config or task operation over"
      + " PLATZ_MAX_CONFIG_BYTES, 503 something the request needs is unavailable, 504 an internal step timed out, 500"
      + " a bug.";
  private static final Pattern PATH_PARAMETER = Pattern.compile(":([A-Za-z0-9_]+)");

  private OpenApiDocument() {
  }

  private record ErrorAnswer(String name, String description) {
  }

  /** A route as the document describes it; {@link Endpoint}s are the authenticated ones the router serves as commands. */
  record DocumentedRoute(HttpMethod method, String path, int status, boolean authenticated, String tag, Class<?> input,
                         Type output, OperationDoc doc) {

    static DocumentedRoute of(Endpoint endpoint) {
      return new DocumentedRoute(endpoint.method(), endpoint.path(), endpoint.status(), true, tagOf(endpoint.path()),
          endpoint.input(), endpoint.output(), endpoint.doc());
    }

    /** The first segment of the path, in words: {@code /user-tokens/:id} is tagged {@code User Tokens}. */
    private static String tagOf(String path) {
      StringBuilder tag = new StringBuilder();
      for (String word : path.split("/")[1].split("-")) {
        tag.append(tag.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
      return tag.toString();
    }
  }

  /** The document, encoded; built on first use and the same for the whole process. */
  public static Buffer load() {
    return Generated.DOCUMENT.copy();
  }

  /** The document of the routes {@link ApiVerticle} serves. */
  private static JsonObject generate() {
    List<DocumentedRoute> routes = new ArrayList<>(OWN_ROUTES);
    Endpoints.ALL.forEach(endpoint -> routes.add(DocumentedRoute.of(endpoint)));
    Schemas schemas = new Schemas();
    schemas.of(CommonSchemas.Error.class);
    JsonObject paths = new JsonObject();
    for (DocumentedRoute route : routes) {
      String path = PATH_PARAMETER.matcher(route.path()).replaceAll("{$1}");
      JsonObject item = paths.getJsonObject(path);
      if (item == null) {
        item = new JsonObject();
        JsonArray parameters = pathParameters(route.path());
        if (!parameters.isEmpty()) {
          item.put("parameters", parameters);
        }
        paths.put(path, item);
      }
      item.put(route.method().name().toLowerCase(), operation(route, schemas));
    }
    return new JsonObject()
        .put("openapi", "3.0.3")
        .put("info", new JsonObject().put("title", "Platz identity core").put("description", DESCRIPTION).put("version", "2"))
        .put("servers", new JsonArray().add(new JsonObject().put("url", "/api/v2")))
        .put("security", new JsonArray().add(new JsonObject().put("user_token", new JsonArray()))
            .add(new JsonObject().put("bearer", new JsonArray())))
        .put("tags", tagList())
        .put("paths", paths)
        .put("components", new JsonObject()
            .put("securitySchemes", securitySchemes())
            .put("parameters", sharedParameters())
            .put("responses", errorResponses())
            .put("schemas", schemas.components()));
  }

  private static JsonObject operation(DocumentedRoute route, Schemas schemas) {
    JsonObject operation = new JsonObject()
        .put("operationId", route.doc().operationId())
        .put("tags", new JsonArray().add(route.tag()))
        .put("summary", route.doc().summary())
        .put("description", route.doc().description());
    if (!route.authenticated()) {
      operation.put("security", new JsonArray());
    }
    JsonArray parameters = queryParameters(route, schemas);
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (route.method() != HttpMethod.GET && route.input() != Void.class) {
      operation.put("requestBody", new JsonObject().put("required", Schemas.requiresSomething(route.input()))
          .put("content", json(schemas.of(route.input()))));
    }
    return operation.put("responses", responses(route, schemas));
  }

  private static JsonArray queryParameters(DocumentedRoute route, Schemas schemas) {
    JsonArray parameters = new JsonArray();
    if (isPage(route.output())) {
      parameters.add(parameterRef("Page")).add(parameterRef("PerPage"));
    }
    if (route.method() == HttpMethod.GET && route.input() != Void.class) {
      for (RecordComponent component : route.input().getRecordComponents()) {
        Header header = component.getAnnotation(Header.class);
        JsonObject parameter = new JsonObject()
            .put("name", header == null ? Schemas.jsonName(component) : header.value())
            .put("in", header == null ? "query" : "header")
            .put("required", false);
        String description = Schemas.description(component);
        if (description != null) {
          parameter.put("description", description);
        }
        parameters.add(parameter.put("schema", schemas.ofParameter(component)));
      }
    }
    return parameters;
  }

  private static JsonObject responses(DocumentedRoute route, Schemas schemas) {
    JsonObject responses = new JsonObject().put(String.valueOf(route.status()), success(route, schemas));
    List<Integer> errors = new ArrayList<>(route.doc().errors());
    if (route.authenticated()) {
      errors.add(401);
      errors.add(429);
    }
    errors.stream().sorted().forEach(status -> responses.put(String.valueOf(status), responseRef(ERRORS.get(status).name())));
    return responses.put("default", responseRef("Error"));
  }

  private static JsonObject success(DocumentedRoute route, Schemas schemas) {
    if (route.output() == Void.class) {
      return new JsonObject().put("description", "No Content");
    }
    if (route.output() instanceof Class<?> type && type.isAnnotationPresent(Shape.class)
        && type.getAnnotation(Shape.class).eventStream()) {
      return new JsonObject().put("description", Schemas.description(type));
    }
    return new JsonObject().put("description", route.status() == 201 ? "Created" : "OK").put("content", json(schemas.of(route.output())));
  }

  private static boolean isPage(Type output) {
    return output instanceof ParameterizedType type && type.getRawType() == Paginated.class;
  }

  /** {@code :id} is the shared {@code Id}; any other path parameter is a UUID too. */
  private static JsonArray pathParameters(String path) {
    JsonArray parameters = new JsonArray();
    Matcher matcher = PATH_PARAMETER.matcher(path);
    while (matcher.find()) {
      parameters.add(matcher.group(1).equals("id") ? parameterRef("Id") : new JsonObject()
          .put("name", matcher.group(1)).put("in", "path").put("required", true)
          .put("description", "A UUID; anything else is 404.")
          .put("schema", new JsonObject().put("type", "string").put("format", "uuid")));
    }
    return parameters;
  }

  private static JsonObject sharedParameters() {
    return new JsonObject()
        .put("Id", new JsonObject().put("name", "id").put("in", "path").put("required", true)
            .put("description", "A UUID; anything else is 404.")
            .put("schema", new JsonObject().put("type", "string").put("format", "uuid")))
        .put("Page", new JsonObject().put("name", "page").put("in", "query").put("required", false).put("description", "1-based.")
            .put("schema", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 1_000_000).put("default", 1)))
        .put("PerPage", new JsonObject().put("name", "per_page").put("in", "query").put("required", false)
            .put("schema", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 500).put("default", 50)));
  }

  private static JsonObject securitySchemes() {
    return new JsonObject()
        .put("user_token", new JsonObject().put("type", "apiKey").put("in", "header").put("name", "x-platz-token")
            .put("description", "A user, bot or deployment token (pzu_, pzb_, pzd_)."))
        .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer")
            .put("description", "The same tokens in Authorization: Bearer <token>."));
  }

  private static JsonObject errorResponses() {
    JsonObject responses = new JsonObject();
    ERRORS.keySet().stream().sorted().forEach(status -> {
      JsonObject response = new JsonObject().put("description", ERRORS.get(status).description());
      if (status == 429) {
        response.put("headers", new JsonObject().put("Retry-After", new JsonObject().put("description", "seconds to wait")
            .put("schema", new JsonObject().put("type", "integer"))));
      }
      responses.put(ERRORS.get(status).name(), response.put("content", json(errorSchema())));
    });
    return responses.put("Error", new JsonObject().put("description", OTHER_ERRORS).put("content", json(errorSchema())));
  }

  private static JsonObject errorSchema() {
    return new JsonObject().put("$ref", "#/components/schemas/Error");
  }

  private static JsonObject json(JsonObject schema) {
    return new JsonObject().put("application/json", new JsonObject().put("schema", schema));
  }

  private static JsonObject parameterRef(String name) {
    return new JsonObject().put("$ref", "#/components/parameters/" + name);
  }

  private static JsonObject responseRef(String name) {
    return new JsonObject().put("$ref", "#/components/responses/" + name);
  }

  private static JsonArray tagList() {
    JsonArray tags = new JsonArray();
    TAGS.forEach((name, description) -> tags.add(new JsonObject().put("name", name).put("description", description)));
    return tags;
  }

  private static Map<String, String> tags(String... namesAndDescriptions) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < namesAndDescriptions.length; i += 2) {
      tags.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
    }
    return tags;
  }

  /** Holds the encoded document, built when it is first asked for. */
  private static final class Generated {
    static final Buffer DOCUMENT = Buffer.buffer(generate().encode());
  }
}
