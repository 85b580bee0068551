package io.platz.app.reliability;

import static io.platz.app.support.OpenApiContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.OpenApiContracts;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The served OpenAPI document, turned against the server as an outside tester's fuzzer would: for every operation,
 * every body field (nested ones too) and every query parameter, requests that the schema allows and requests that
 * it forbids (wrong types, null, NUL and lone surrogates in strings, keys and free-form values, non-finite numbers,
 * too long, empty, missing and extra fields, non-UUID ids). vertx-openapi's {@link RequestValidator} says which
 * requests violate the document (and so must be refused with a 4xx), its {@link ResponseValidator} checks every
 * answer; a request the document forbids only in prose (NUL, lone surrogates and non-finite numbers anywhere, as
 * its description says) counts as a violation too. Every status answered must be one the operation lists.
 * Seeded: replay or explore with {@code -Dplatz.fuzz.seed=<seed>}; the CI seed is fixed.
 */
class OpenApiFuzzTest {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)\\}");
  /** For a path's second id: a well-formed one that names nothing. */
  private static final String OTHER_ID = new UUID(0, 0).toString();

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static final long CI_SEED = 22;
  private static final int VALID_REQUESTS_PER_OPERATION = 3;
  /** Placeholders for what a JSON encoder will not write: in the encoded body, raw text replaces them. */
  private static final String NOT_FINITE = "fuzz:not-finite";
  private static final String LONE_SURROGATE = "fuzz:lone-surrogate";
  private static final List<String> HOSTILE_PROSE = List.of(NOT_FINITE, LONE_SURROGATE, "\\u0000");

  private static Vertx vertx;
  private static JsonObject document;
  private static RequestValidator requests;
  private static ResponseValidator responses;
  private static Api api;
  private static String admin;
  private static final Map<String, String> ids = new LinkedHashMap<>();

  private Random random;
  private List<String> towards = List.of();
  private int sent;
  private final Map<String, Integer> tally = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    api = PLATZ.api();
    Fixtures fixtures = PLATZ.fixtures();
    admin = fixtures.adminToken();
    document = api.get("/api/v2/openapi.json").json();
    vertx = Vertx.vertx();
    OpenAPIContract contract = OpenApiContracts.of(vertx, document);
    requests = RequestValidator.create(vertx, contract);
    responses = ResponseValidator.create(vertx, contract);

    String env = fixtures.env("fuzz-env");
    JsonArray actions = new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer"));
    String kind = api.post("/api/v2/deployment-kinds", admin, new JsonObject().put("name", "fuzz-kind").put("actions", actions))
        .json().getString("id");
    String deployment = fixtures.deployment(env, kind, "fuzz-deployment");
    String user = fixtures.user("fuzz-user");
    String bot = fixtures.bot("fuzz-bot");
    ids.put("env", env);
    ids.put("deployment-kind", kind);
    ids.put("deployment", deployment);
    ids.put("user", user);
    ids.put("bot", bot);
    ids.put("user-token", api.post("/api/v2/user-tokens", admin, new JsonObject().put("user_id", user)).json().getString("id"));
    ids.put("bot-token", api.post("/api/v2/bot-tokens", admin, new JsonObject().put("bot_id", bot)).json().getString("id"));
    ids.put("env-user-permission", fixtures.envRole(env, bot, "User"));
    ids.put("deployment-permission", api.post("/api/v2/deployment-permissions", admin, new JsonObject()
        .put("env_id", env).put("bot_id", bot).put("kind_id", kind).put("role", "Maintainer")).json().getString("id"));
    ids.put("deployment-task", api.post("/api/v2/deployment-tasks", admin, new JsonObject()
        .put("deployment_id", deployment).put("operation", new JsonObject().put("Install", new JsonObject()))).json().getString("id"));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void everyOperationRefusesWhatItsDocumentForbidsAndAnswersOnlyWhatItSays() throws Exception {
    long seed = Long.getLong("platz.fuzz.seed", CI_SEED);
    System.out.println("OpenAPI fuzz seed: " + seed + " (explore with -Dplatz.fuzz.seed=<another>)");
    random = new Random(seed);

    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      wrongMethod(path, paths.getJsonObject(path));
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (!method.equals("parameters")) {
          fuzz(path, method, paths.getJsonObject(path).getJsonObject(method));
        }
      }
    }

    System.out.println("OpenAPI fuzz, seed " + seed + ": " + sent + " requests; " + tally);
    assertThat(failures).as("seed " + seed + ": requests answered against the document").isEmpty();
    assertThat(tally.keySet()).as("both kinds of request were made").anyMatch(key -> key.startsWith("allowed"))
        .anyMatch(key -> key.startsWith("forbidden"));
  }

  /** A method the path lacks: 405, and {@code Allow} names the methods the document lists for it. */
  private void wrongMethod(String path, JsonObject item) {
    Response response = api.raw("PATCH", "/api/v2" + filled(path, idFor(path, "get")), admin, "{}");
    sent++;
    String allow = String.join(", ", new TreeSet<>(item.fieldNames().stream()
        .filter(method -> !method.equals("parameters")).map(String::toUpperCase).toList()));
    tally.merge("wrong method " + response.status(), 1, Integer::sum);
    if (response.status() != 405 || !allow.equals(response.header("allow"))) {
      failures.add("PATCH " + path + " is not 405 with Allow: " + allow + ": " + response + " " + response.header("allow"));
    }
  }

  /** Valid requests, then one with each mutation of each query parameter, body field and id. */
  private void fuzz(String path, String method, JsonObject operation) throws Exception {
    List<JsonObject> parameters = parameters(operation);
    JsonObject bodySchema = operation.containsKey("requestBody")
        ? resolve(operation.getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"))
        : null;
    towards = List.of();
    for (int i = 0; i < VALID_REQUESTS_PER_OPERATION; i++) {
      send(path, method, operation, validQuery(parameters), validBody(bodySchema));
    }
    for (JsonObject parameter : parameters) {
      if (parameter.getString("in").equals("query")) {
        for (String hostile : hostileQueryValues(resolve(parameter.getJsonObject("schema")))) {
          Map<String, String> query = validQuery(parameters);
          query.put(parameter.getString("name"), hostile);
          send(path, method, operation, query, validBody(bodySchema));
        }
      }
    }
    if (bodySchema != null) {
      for (List<String> field : fields(bodySchema, new ArrayList<>())) {
        towards = field;
        for (Object hostile : hostileValues(schemaAt(bodySchema, field))) {
          JsonObject body = (JsonObject) validValue(bodySchema, "");
          set(body, field, hostile);
          send(path, method, operation, validQuery(parameters), body.encode());
        }
        JsonObject missing = (JsonObject) validValue(bodySchema, "");
        remove(missing, field);
        send(path, method, operation, validQuery(parameters), missing.encode());
      }
      towards = List.of();
      JsonObject extra = ((JsonObject) validValue(bodySchema, "")).put("fuzz_extra", random.nextInt());
      send(path, method, operation, validQuery(parameters), extra.encode());
    }
    if (path.contains("{id}")) {
      sendWithId(path, method, operation, "not-a-uuid", validBody(bodySchema), validQuery(parameters));
    }
  }

  private void send(String path, String method, JsonObject operation, Map<String, String> query, String body) throws Exception {
    sendWithId(path, method, operation, idFor(path, method), body, query);
  }

  private void sendWithId(String path, String method, JsonObject operation, String id, String body,
                          Map<String, String> query) throws Exception {
    String operationId = operation.getString("operationId");
    String wire = body == null ? null
        : body.replace('"' + NOT_FINITE + '"', random.nextBoolean() ? "1e309" : "-1e999").replace(LONE_SURROGATE, "\\ud83c");
    boolean forbidden = violates(operationId, path, id, query, wire)
        || (wire != null && HOSTILE_PROSE.stream().anyMatch(body::contains));
    StringBuilder target = new StringBuilder("/api/v2").append(filled(path, id));
    String separator = "?";
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      target.append(separator).append(parameter.getKey()).append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = "&";
    }
    boolean unauthenticated = operation.containsKey("security") && operation.getJsonArray("security").isEmpty();
    Response response = api.raw(method.toUpperCase(), target.toString(), unauthenticated ? null : admin, wire);
    sent++;
    String what = method.toUpperCase() + " " + target + (wire == null ? "" : " " + wire) + " -> " + response;
    int status = response.status();
    String kind = (forbidden ? "forbidden " : "allowed ") + status;
    tally.merge(kind, 1, Integer::sum);
    if (status >= 500) {
      failures.add("server error: " + what);
    } else if (forbidden && status < 400) {
      failures.add("accepted a violation: " + what);
    }
    if (!operation.getJsonObject("responses").containsKey(String.valueOf(status))) {
      failures.add(operationId + " does not list " + status + ": " + what);
    }
    ValidatableResponse answer = response.body().isEmpty() ? ValidatableResponse.create(status)
        : ValidatableResponse.create(status, Buffer.buffer(response.body()), response.header("content-type"));
    try {
      await(responses.validate(answer, operationId));
    } catch (ExecutionException e) {
      failures.add("answer not as documented (" + e.getCause().getMessage() + "): " + what);
    }
  }

  /** Whether vertx-openapi finds the request against the document; the body as the server will read it. */
  private boolean violates(String operationId, String template, String id, Map<String, String> query, String body)
      throws Exception {
    Map<String, RequestParameter> path = new LinkedHashMap<>();
    Matcher names = PATH_PARAMETER.matcher(template);
    while (names.find()) {
      path.put(names.group(1), new RequestParameterImpl(names.group(1).equals("id") ? id : OTHER_ID));
    }
    Map<String, RequestParameter> queryParameters = new LinkedHashMap<>();
    query.forEach((name, value) -> queryParameters.put(name, new RequestParameterImpl(value)));
    RequestParameter content = new RequestParameterImpl(body == null ? null : Buffer.buffer(body));
    ValidatableRequestImpl request = new ValidatableRequestImpl(Map.of(), Map.of(), path, queryParameters, content,
        body == null ? null : "application/json");
    try {
      await(requests.validate(request, operationId));
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /** The path with its ids: {@code {id}} as given, any other (a credential's {@code {token_id}}) an id nothing has. */
  private static String filled(String template, String id) {
    return PATH_PARAMETER.matcher(template.replace("{id}", id)).replaceAll(OTHER_ID);
  }

  /** The id of a fixture of the path's collection; a DELETE names an unknown one, so the fixtures live on. */
  private String idFor(String path, String method) {
    if (!path.contains("{id}")) {
      return "";
    }
    String collection = path.substring(1, path.indexOf('/', 1));
    String known = ids.get(collection.substring(0, collection.length() - 1));
    return method.equals("delete") || known == null ? UUID.randomUUID().toString() : known;
  }

  private List<JsonObject> parameters(JsonObject operation) {
    List<JsonObject> parameters = new ArrayList<>();
    for (Object parameter : operation.getJsonArray("parameters", new JsonArray())) {
      parameters.add(resolve((JsonObject) parameter));
    }
    return parameters;
  }

  /** A few of the optional query parameters, each with a value its schema allows. */
  private Map<String, String> validQuery(List<JsonObject> parameters) {
    Map<String, String> query = new LinkedHashMap<>();
    for (JsonObject parameter : parameters) {
      if (parameter.getString("in").equals("query") && random.nextInt(3) == 0) {
        JsonObject schema = resolve(parameter.getJsonObject("schema"));
        Object value = validLeaf(schema, parameter.getString("name"));
        query.put(parameter.getString("name"), String.valueOf(value));
      }
    }
    return query;
  }

  private List<String> hostileQueryValues(JsonObject schema) {
    List<String> values = new ArrayList<>(List.of("", "fuzz\u0000", "x".repeat(1 + random.nextInt(300))));
    switch (schema.getString("type", "")) {
      case "integer" -> {
        values.add("1.5");
        values.add("99999999999999999999");
        if (schema.containsKey("minimum")) {
          values.add(String.valueOf(schema.getLong("minimum") - 1 - random.nextInt(5)));
        }
        if (schema.containsKey("maximum")) {
          values.add(String.valueOf(schema.getLong("maximum") + 1 + random.nextInt(5)));
        }
      }
      case "boolean" -> values.add("yes");
      default -> {
        if (schema.containsKey("enum")) {
          values.add(schema.getJsonArray("enum").getString(0).toLowerCase());
        }
      }
    }
    return values;
  }

  private String validBody(JsonObject schema) {
    return schema == null ? null : ((JsonObject) validValue(schema, "")).encode();
  }

  /**
   * A value the schema allows, names unique enough that creating twice seldom collides. Of a oneOf, the branch
   * that holds the field being fuzzed ({@link #towards}), so that its mutation is not hidden by another branch.
   */
  private Object validValue(JsonObject schema, String name) {
    schema = resolve(schema);
    if (schema.containsKey("oneOf") && !schema.containsKey("properties")) {
      JsonArray branches = schema.getJsonArray("oneOf");
      for (Object branch : branches) {
        if (((JsonObject) branch).getJsonObject("properties").fieldNames().stream().anyMatch(towards::contains)) {
          return validValue((JsonObject) branch, name);
        }
      }
      return validValue(branches.getJsonObject(random.nextInt(branches.size())), name);
    }
    if (schema.containsKey("allOf")) {
      return validValue(schema.getJsonArray("allOf").getJsonObject(0), name);
    }
    if ("object".equals(schema.getString("type")) && schema.containsKey("properties")) {
      JsonObject object = new JsonObject();
      JsonObject properties = schema.getJsonObject("properties");
      List<?> required = schema.getJsonArray("required", new JsonArray()).getList();
      for (String property : properties.fieldNames()) {
        if (required.contains(property) || random.nextBoolean()) {
          object.put(property, validValue(properties.getJsonObject(property), property));
        }
      }
      if (schema.containsKey("oneOf")) {
        JsonObject branch = schema.getJsonArray("oneOf").getJsonObject(random.nextInt(schema.getJsonArray("oneOf").size()));
        for (Object property : branch.getJsonArray("required")) {
          object.put((String) property, validValue(properties.getJsonObject((String) property), (String) property));
        }
        branch.getJsonObject("properties").forEach(entry -> {
          if (((JsonObject) entry.getValue()).containsKey("enum")) {
            object.remove(entry.getKey());
          }
        });
      }
      return object;
    }
    if ("object".equals(schema.getString("type"))) {
      return new JsonObject().put("replicas", random.nextInt(5)).put("image", "web:" + random.nextInt(100))
          .put("tags", new JsonArray().add("a").add(random.nextBoolean()));
    }
    if ("array".equals(schema.getString("type"))) {
      JsonArray array = new JsonArray();
      for (int i = random.nextInt(3); i > 0; i--) {
        array.add(validValue(schema.getJsonObject("items"), name + i));
      }
      return array;
    }
    if (!schema.containsKey("type")) {
      return random.nextBoolean() ? new JsonArray().add("now").add(random.nextInt(10)) : null;
    }
    return validLeaf(schema, name);
  }

  private Object validLeaf(JsonObject schema, String name) {
    if (schema.containsKey("enum")) {
      JsonArray values = schema.getJsonArray("enum");
      return values.getValue(random.nextInt(values.size()));
    }
    return switch (schema.getString("type", "string")) {
      case "boolean" -> random.nextBoolean();
      case "integer" -> schema.getLong("minimum", 0L) + random.nextInt(3);
      default -> switch (schema.getString("format", "")) {
        case "uuid" -> name.endsWith("_id") && ids.containsKey(collectionOf(name)) ? ids.get(collectionOf(name))
            : UUID.randomUUID().toString();
        case "date-time" -> Instant.now().plus(1 + random.nextInt(30), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        case "email" -> "fuzz-" + random.nextInt(1_000_000) + "@example.org";
        default -> switch (name) {
          case "id" -> "action-" + random.nextInt(1_000);
          case "action_id" -> "restart";
          default -> "fuzz " + name + " " + random.nextInt(1_000_000);
        };
      };
    };
  }

  /** {@code env_id} names a fixture of {@code env}, {@code kind_id} one of {@code deployment-kind}. */
  private static String collectionOf(String idField) {
    String stem = idField.substring(0, idField.length() - 3).replace('_', '-');
    return stem.equals("kind") ? "deployment-kind" : stem;
  }

  /** Every field's path in objects the schema describes, through nested objects, arrays and the oneOf branches. */
  private List<List<String>> fields(JsonObject schema, List<String> prefix) {
    schema = resolve(schema);
    List<List<String>> fields = new ArrayList<>();
    if (schema.containsKey("allOf")) {
      return fields;
    }
    if (schema.containsKey("oneOf") && !schema.containsKey("properties")) {
      for (Object branch : schema.getJsonArray("oneOf")) {
        fields.addAll(fields((JsonObject) branch, prefix));
      }
      return fields;
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String property : properties.fieldNames()) {
      List<String> field = new ArrayList<>(prefix);
      field.add(property);
      fields.add(field);
      JsonObject child = resolve(properties.getJsonObject(property));
      if ("array".equals(child.getString("type"))) {
        List<String> item = new ArrayList<>(field);
        item.add("0");
        fields.addAll(fields(child.getJsonObject("items"), item));
      } else {
        fields.addAll(fields(child, field));
      }
    }
    return fields;
  }

  private JsonObject schemaAt(JsonObject schema, List<String> field) {
    JsonObject at = resolve(schema);
    for (String step : field) {
      if (at.containsKey("oneOf") && !at.containsKey("properties")) {
        at = branchWith(at, step);
      }
      at = resolve(step.equals("0") ? at.getJsonObject("items") : at.getJsonObject("properties").getJsonObject(step));
    }
    return at;
  }

  private JsonObject branchWith(JsonObject oneOf, String property) {
    for (Object branch : oneOf.getJsonArray("oneOf")) {
      if (((JsonObject) branch).getJsonObject("properties").containsKey(property)) {
        return (JsonObject) branch;
      }
    }
    throw new AssertionError("no branch with " + property);
  }

  /** What the field's schema forbids, and what the document forbids everywhere. */
  private List<Object> hostileValues(JsonObject schema) {
    List<Object> values = new ArrayList<>(List.of(
        "fuzz\u0000" + random.nextInt(100), "fuzz " + LONE_SURROGATE, NOT_FINITE, random.nextBoolean() ? 42 : true));
    values.add(null);
    String type = schema.getString("type", "");
    if (type.equals("string")) {
      values.add(new JsonArray().add("fuzz"));
      if (schema.containsKey("maxLength")) {
        values.add("y".repeat(schema.getInteger("maxLength") + 1 + random.nextInt(10)));
      }
      if (schema.containsKey("pattern") || schema.containsKey("minLength")) {
        values.add("");
        values.add(" fuzz\u0007 ");
      }
    } else if (type.equals("object") || schema.containsKey("oneOf")) {
      values.add("fuzz");
      values.add(new JsonArray());
      values.add(new JsonObject().put("k\u0000", 1));
      values.add(new JsonObject().put("k", new JsonArray().add("fuzz " + LONE_SURROGATE)));
      values.add(new JsonObject().put("k " + LONE_SURROGATE, 1));
      values.add(new JsonObject().put("deep", new JsonObject().put("n", NOT_FINITE)));
    } else if (type.equals("array")) {
      values.add(new JsonObject());
      values.add(new JsonArray().add("fuzz"));
    } else if (!type.isEmpty()) {
      values.add("fuzz");
    }
    return values;
  }

  private static void set(JsonObject body, List<String> field, Object value) {
    Object parent = parentOf(body, field);
    String last = field.get(field.size() - 1);
    if (parent instanceof JsonObject object) {
      object.put(last, value);
    } else if (parent instanceof JsonArray array) {
      array.set(0, value);
    }
  }

  private static void remove(JsonObject body, List<String> field) {
    Object parent = parentOf(body, field);
    if (parent instanceof JsonObject object) {
      object.remove(field.get(field.size() - 1));
    }
  }

  /** The object or array holding the field, made along the way where the valid body left it out. */
  private static Object parentOf(JsonObject body, List<String> field) {
    Object at = body;
    for (int i = 0; i < field.size() - 1; i++) {
      String step = field.get(i);
      String next = field.get(i + 1);
      if (at instanceof JsonObject object) {
        if (!(object.getValue(step) instanceof JsonObject) && !(object.getValue(step) instanceof JsonArray)) {
          object.put(step, next.equals("0") ? new JsonArray() : new JsonObject());
        }
        at = object.getValue(step);
      } else if (at instanceof JsonArray array) {
        if (array.isEmpty()) {
          array.add(new JsonObject());
        }
        at = array.getValue(0);
      }
    }
    if (at instanceof JsonArray array && array.isEmpty()) {
      array.add(new JsonObject());
    }
    return at;
  }

  private static JsonObject resolve(JsonObject schema) {
    JsonObject at = schema;
    while (at.containsKey("$ref")) {
      JsonObject target = document;
      for (String step : at.getString("$ref").substring(2).split("/")) {
        target = target.getJsonObject(step);
      }
      at = target;
    }
    return at;
  }
}
