package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.api.Endpoint;
import io.platz.api.Endpoints;
import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.RawHttp;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At least 10,000 malformed requests from a seeded generator: tokens of every length, alphabet and checksum,
 * control and non-ASCII characters in headers, duplicated headers, broken JSON of every kind, ids that are not
 * UUIDs, impossible pages, SQL and path metacharacters in typed parameters. Every answer must be a 4xx with the
 * JSON error, never a 5xx, never a stack trace, SQL or secret; the service must answer normally afterwards.
 * Replay a failure with {@code -Dplatz.hostile.seed=<the printed seed>}.
 */
class HostileInputTest {

  private static final int REQUESTS = 10_000;
  private static final Pattern LEAK = Pattern.compile(
      "(?i)exception|\\bat [a-z]+\\.[a-z]+|\\.java:\\d|sqlstate|syntax error|org\\.postgresql|pgexception|select |insert into|"
          + "platz\\.(auth|permissions|deployments|audit)\\.");
  private static final String[] NASTY = {"' OR 1=1--", "\"; DROP TABLE users; --", "../../etc/passwd", "%2e%2e%2f", "%00",
      "$1", "\\", "\u0000", "😈", "<script>alert(1)</script>", "${jndi:ldap://x}", "1e308", "-1", "99999999999999999999",
      "NaN", "null", "[]", "{}", "*", "%", "_"};

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static String admin;
  private static String bot;
  private static int port;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    Fixtures fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
    bot = fixtures.botToken(fixtures.bot("fuzz-target"));
    port = PLATZ.platz().platform().config().httpPort();
  }


  @Test
  void tenThousandMalformedRequestsGetA4xxJsonErrorEachAndNothingLeaks() {
    long seed = Long.getLong("platz.hostile.seed", System.nanoTime());
    System.out.println("hostile input seed: " + seed + " (replay with -Dplatz.hostile.seed=" + seed + ")");
    Random random = new Random(seed);
    List<Supplier<Outcome>> kinds = List.of(
        () -> badToken(random), () -> badHeader(random), () -> badJson(random), () -> badPath(random), () -> badQuery(random));
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Outcome outcome = kinds.get(random.nextInt(kinds.size())).get();
      statuses.merge(outcome.status(), 1, Integer::sum);
      String problem = problem(outcome);
      if (problem != null && failures.size() < 20) {
        failures.add("#" + i + " " + outcome.request() + " → " + outcome.status() + " " + abbreviate(outcome.body()) + ": " + problem);
      }
    }
    System.out.println("hostile input statuses: " + statuses);
    assertThat(failures).as("seed " + seed).isEmpty();
    assertThat(statuses.keySet()).allMatch(status -> status >= 400 && status < 500);

    assertThat(api.get("/ready").status()).isEqualTo(200);
    assertThat(api.get("/api/v2/auth/me", admin).status()).isEqualTo(200);
    assertThat(api.get("/api/v2/bots", admin).json().getLong("num_total")).isEqualTo(1);
  }

  @Test
  void metacharactersInFreeTextFiltersAreJustText() {
    for (String nasty : NASTY) {
      if (nasty.indexOf('\u0000') >= 0) {
        assertThat(api.get("/api/v2/bots?display_name=" + encode(nasty), admin).status()).as("NUL is never text").isEqualTo(400);
        continue;
      }
      for (String path : List.of("/api/v2/users?display_name=", "/api/v2/bots?display_name=", "/api/v2/users?email=",
          "/api/v2/deployments?name=", "/api/v2/envs?name=", "/api/v2/audit-events?type=")) {
        Response response = api.get(path + encode(nasty), admin);
        assertThat(response.status()).as("%s%s", path, nasty).isEqualTo(200);
        assertThat(response.json().getLong("num_total")).as("%s%s", path, nasty).isZero();
      }
    }
  }

  @Test
  void whatJsonbCouldNotStoreOrWouldChangeIsA400NamingTheFieldNotTheValue() {
    Fixtures fixtures = PLATZ.fixtures();
    String env = fixtures.env("unstorable");
    String kind = fixtures.kind("unstorable");
    String deployment = fixtures.deployment(env, kind, "unstorable");
    String created = "{\"name\":\"d1\",\"env_id\":\"" + env + "\",\"kind_id\":\"" + kind + "\",\"config\":";
    assertRefused(api.raw("POST", "/api/v2/deployments", admin, created + "{\"k\":\"a\\u0000b\"}}"), "'config.k'", "NUL");
    assertRefused(api.raw("POST", "/api/v2/deployments", admin, created + "{\"a\\u0000\":1}}"), "a key in 'config'", "NUL");
    assertRefused(api.raw("PUT", "/api/v2/deployments/" + deployment, admin, "{\"config\":{\"k\":\"\\ud83c\"}}"),
        "'config.k'", "surrogate");
    assertRefused(api.raw("PUT", "/api/v2/deployments/" + deployment, admin, "{\"config\":{\"k\":[1e309]}}"),
        "'config.k[0]'", "finite");
    assertRefused(api.raw("POST", "/api/v2/deployment-tasks", admin, "{\"deployment_id\":\"" + deployment
        + "\",\"operation\":{\"Install\":{\"x\":\"\\u0000\"}}}"), "'operation.Install.x'", "NUL");
    assertThat(api.get("/api/v2/deployments/" + deployment, admin).json().getJsonObject("config")).isEmpty();
  }

  @Test
  void nullForAnOptionalFieldLeavesItOutAndForARequiredOneIsMissing() {
    Fixtures fixtures = PLATZ.fixtures();
    String env = fixtures.env("null-env");
    Response updated = api.raw("PUT", "/api/v2/envs/" + env, admin, "{\"name\":null,\"auto_add_new_users\":null}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getString("name")).isEqualTo("null-env");
    Response kind = api.raw("POST", "/api/v2/deployment-kinds", admin,
        "{\"name\":\"null-kind\",\"actions\":[{\"id\":\"restart\",\"title\":null,\"allowed_role\":\"Owner\"}]}");
    assertThat(kind.status()).isEqualTo(201);
    assertThat(kind.json().getJsonArray("actions").getJsonObject(0).getString("title")).isEqualTo("restart");
    String kindId = kind.json().getString("id");
    Response unchanged = api.raw("PUT", "/api/v2/deployment-kinds/" + kindId, admin, "{\"name\":null,\"actions\":null}");
    assertThat(unchanged.status()).isEqualTo(200);
    assertThat(unchanged.json().getJsonArray("actions")).hasSize(1);
    assertThat(api.raw("POST", "/api/v2/deployment-kinds", admin, "{\"name\":\"no-actions\",\"actions\":null}").json()
        .getJsonArray("actions")).isEmpty();
    assertRefused(api.raw("POST", "/api/v2/envs", admin, "{\"name\":null}"), "'name'", "required");
  }

  private static void assertRefused(Response response, String naming, String saying) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().getString("message")).contains(naming).contains(saying).doesNotContain("\u0000");
  }

  record Outcome(String request, int status, String body) {
  }

  private static String problem(Outcome outcome) {
    if (outcome.status() < 400 || outcome.status() >= 500) {
      return "not a 4xx";
    }
    if (!outcome.body().isEmpty()) {
      try {
        if (!new JsonObject(outcome.body()).containsKey("message")) {
          return "no message";
        }
      } catch (RuntimeException e) {
        return "not JSON";
      }
    } else {
      return "no body";
    }
    if (LEAK.matcher(outcome.body()).find()) {
      return "leaks internals";
    }
    if (outcome.body().contains(admin) || outcome.body().contains(bot)) {
      return "leaks a token";
    }
    return null;
  }

  /** A token that is wrong in one of many ways, on an endpoint that needs one. */
  private static Outcome badToken(Random random) {
    String token = switch (random.nextInt(9)) {
      case 0 -> "";
      case 1 -> randomText(random, random.nextInt(200), "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
      case 2 -> "pz" + "ubdx".charAt(random.nextInt(4)) + "_" + randomText(random, random.nextInt(100), "0123456789abcXYZ");
      case 3 -> withTypo(random, TokenFormat.generate(TokenKind.values()[random.nextInt(3)], UUID.randomUUID()).value());
      case 4 -> TokenFormat.generate(TokenKind.values()[random.nextInt(3)], UUID.randomUUID()).value();
      case 5 -> withTypo(random, admin);
      case 6 -> admin.substring(0, random.nextInt(admin.length()));
      case 7 -> admin + randomText(random, 1 + random.nextInt(5), "abc");
      default -> randomText(random, random.nextInt(3000), " !#$%&'()*+,-./:;<=>?@[]^_`{|}~abcXYZ019");
    };
    String path = randomEndpointPath(random);
    boolean bearer = random.nextBoolean();
    Response response = api.send(api.request(path, null).header(bearer ? "Authorization" : "x-platz-token", (bearer ? "Bearer " : "") + token)
        .method(random.nextBoolean() ? "GET" : "POST", HttpRequest.BodyPublishers.ofString("{}")));
    return new Outcome("token " + abbreviate(token) + " on " + path, response.status(), response.body());
  }

  /** Bytes no client library would put in a header: control characters, non-ASCII, duplicates, oversize. */
  private static Outcome badHeader(Random random) {
    String head = switch (random.nextInt(6)) {
      case 0 -> "GET /api/v2/auth/me HTTP/1.1\r\nhost: x\r\nx-platz-token: " + randomText(random, 1 + random.nextInt(80), "\u0001\u0007\u001b\u007fabc");
      case 1 -> "GET /api/v2/auth/me HTTP/1.1\r\nhost: x\r\nx-platz-token: " + randomText(random, 1 + random.nextInt(40), "éü€日本ÿ\u00a0abc");
      case 2 -> "GET /api/v2/bots HTTP/1.1\r\nhost: x\r\nx-platz-token: " + admin.substring(0, 40) + "\r\nx-platz-token: " + admin;
      case 3 -> "GET /api/v2/auth/me HTTP/1.1\r\nhost: x\r\nx-platz-token: " + "a".repeat(20_000 + random.nextInt(20_000));
      case 4 -> "GET /api/v2/" + "a".repeat(9_000 + random.nextInt(5_000)) + " HTTP/1.1\r\nhost: x";
      default -> "POST /api/v2/bots HTTP/1.1\r\nhost: x\r\nx-platz-token: " + admin + "\r\ntransfer-encoding: chunked\r\ncontent-length: 5";
    };
    RawHttp.Answer answer = RawHttp.send(port, RawHttp.request(head, new byte[0]));
    return new Outcome("header case " + abbreviate(head), answer.status(), answer.body());
  }

  /** A valid admin token and a body that is no acceptable JSON for the endpoint. */
  private static Outcome badJson(Random random) {
    Endpoint endpoint = writeEndpoint(random);
    byte[] body = switch (random.nextInt(9)) {
      case 0 -> "{\"display_name\": \"trunc".getBytes(StandardCharsets.UTF_8);
      case 1 -> ("{\"a\":".repeat(33 + random.nextInt(3000)) + "1" + "}".repeat(random.nextInt(10))).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("[".repeat(40 + random.nextInt(2000))).getBytes(StandardCharsets.UTF_8);
      case 3 -> ("{\"name\": \"" + "x".repeat(1024 * 1024 + random.nextInt(1000)) + "\"}").getBytes(StandardCharsets.UTF_8);
      case 4 -> "{\"display_name\": \"a\", \"display_name\": \"b\", \"name\": \"c\", \"name\": \"d\"}".getBytes(StandardCharsets.UTF_8);
      case 5 -> new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
      case 6 -> wrongTypes(random).getBytes(StandardCharsets.UTF_8);
      case 7 -> randomBytes(random, 1 + random.nextInt(300));
      default -> ("\"just a string\"").getBytes(StandardCharsets.UTF_8);
    };
    String path = "/api/v2" + endpoint.path().replace(":id", UUID.randomUUID().toString());
    Response response = api.send(api.request(path, admin).method(endpoint.method().name(), HttpRequest.BodyPublishers.ofByteArray(body)));
    return new Outcome(endpoint.method() + " " + path + " body " + abbreviate(new String(body, StandardCharsets.ISO_8859_1)),
        response.status(), response.body());
  }

  /** An id that is no UUID, or metacharacters, where a resource id goes. */
  private static Outcome badPath(Random random) {
    List<Endpoint> withId = Endpoints.ALL.stream().filter(endpoint -> endpoint.path().contains(":id")).toList();
    Endpoint endpoint = withId.get(random.nextInt(withId.size()));
    String id = switch (random.nextInt(4)) {
      case 0 -> encode(NASTY[random.nextInt(NASTY.length)]);
      case 1 -> UUID.randomUUID().toString().substring(0, 35) + "g";
      case 2 -> String.valueOf(random.nextLong());
      default -> encode(UUID.randomUUID() + NASTY[random.nextInt(NASTY.length)]);
    };
    String path = "/api/v2" + endpoint.path().replace(":id", id);
    Response response = api.send(api.request(path, admin).method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString("{}")));
    return new Outcome(endpoint.method() + " " + path, response.status(), response.body());
  }

  /** Typed query parameters (pages, ids, flags, enums, times) with values of the wrong type or metacharacters. */
  private static Outcome badQuery(Random random) {
    String[] lists = {"/api/v2/users", "/api/v2/bots", "/api/v2/user-tokens", "/api/v2/bot-tokens", "/api/v2/envs",
        "/api/v2/env-user-permissions", "/api/v2/deployment-kinds", "/api/v2/deployment-permissions", "/api/v2/deployments",
        "/api/v2/deployment-tasks", "/api/v2/audit-events"};
    String[] typed = {"page", "per_page"};
    String list = lists[random.nextInt(lists.length)];
    String parameter = switch (list) {
      case "/api/v2/users" -> pick(random, "page", "per_page", "is_active", "is_admin");
      case "/api/v2/bots" -> pick(random, "page", "per_page", "include_deleted");
      case "/api/v2/user-tokens" -> pick(random, "page", "per_page", "user_id", "created_by_user_id");
      case "/api/v2/bot-tokens" -> pick(random, "page", "per_page", "bot_id", "created_by_user_id");
      case "/api/v2/envs" -> pick(random, "page", "per_page", "auto_add_new_users");
      case "/api/v2/env-user-permissions", "/api/v2/deployment-permissions" -> pick(random, "page", "env_id", "user_id", "bot_id", "role");
      case "/api/v2/deployments" -> pick(random, "per_page", "env_id", "kind_id", "enabled", "status", "include_deleted");
      case "/api/v2/deployment-tasks" -> pick(random, "page", "deployment_id", "env_id", "acting_user_id", "acting_bot_id",
          "acting_deployment_id", "status", "created_from", "created_to");
      case "/api/v2/audit-events" -> pick(random, "page", "actor_type", "actor_id", "env_id", "after_seq", "order");
      default -> typed[random.nextInt(typed.length)];
    };
    String value = switch (random.nextInt(5)) {
      case 0 -> NASTY[random.nextInt(NASTY.length)];
      case 1 -> String.valueOf(-1 - random.nextInt(1000));
      case 2 -> "9".repeat(19 + random.nextInt(30));
      case 3 -> randomText(random, 1 + random.nextInt(20), "xyz!@#");
      default -> "";
    };
    String query = random.nextInt(4) == 0
        ? parameter + "=1&" + parameter + "=2"
        : parameter + "=" + encode(value.isEmpty() && !parameter.equals("page") ? "x" : value.isEmpty() ? "0" : value);
    Response response = api.get(list + "?" + query, admin);
    return new Outcome("GET " + list + "?" + query, response.status(), response.body());
  }

  private static String wrongTypes(Random random) {
    Object[] values = {1, -7.5, true, false, new JsonObject(), new io.vertx.core.json.JsonArray(), "x".repeat(300)};
    // every field any endpoint reads, each with a value of the wrong type (or an invalid one): unknown fields are
    // ignored, as upstream clients send some, so a body is only wrong through the fields the endpoint knows
    JsonObject body = new JsonObject();
    for (String field : List.of("display_name", "name", "email", "env_id", "kind_id", "user_id", "bot_id", "role", "deployment_id",
        "operation", "status", "is_admin", "is_active", "expires_at", "config", "actions", "description", "description_md",
        "auto_add_new_users", "enabled", "reason")) {
      body.put(field, values[random.nextInt(values.length)]);
    }
    return body.put("user_id", values[random.nextInt(values.length - 1)]).encode();
  }

  private static Endpoint writeEndpoint(Random random) {
    List<Endpoint> writes = Endpoints.ALL.stream()
        .filter(endpoint -> endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PUT)
        .toList();
    return writes.get(random.nextInt(writes.size()));
  }

  private static String randomEndpointPath(Random random) {
    Endpoint endpoint = Endpoints.ALL.get(random.nextInt(Endpoints.ALL.size()));
    return "/api/v2" + endpoint.path().replace(":id", UUID.randomUUID().toString());
  }

  private static String withTypo(Random random, String token) {
    int at = random.nextInt(token.length());
    char replacement = token.charAt(at) == 'a' ? 'b' : 'a';
    return token.substring(0, at) + replacement + token.substring(at + 1);
  }

  private static String randomText(Random random, int length, String alphabet) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    String printable = text.replaceAll("[\\p{Cntrl}]", "?");
    return printable.length() > 120 ? printable.substring(0, 120) + "…(" + text.length() + ")" : printable;
  }
}
