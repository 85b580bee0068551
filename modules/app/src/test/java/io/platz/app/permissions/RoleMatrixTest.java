package io.platz.app.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.api.Endpoint;
import io.platz.api.Endpoints;
import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every kind of caller, over HTTP on real PostgreSQL, against the table in
 * {@code role-matrix.txt}. The table grows with the API: an endpoint missing from it fails the test.
 */
class RoleMatrixTest {

  static final List<String> CALLERS = List.of("site_admin", "env_admin", "env_user", "owner", "maintainer",
      "user_without_roles", "bot_env_admin", "bot_env_user", "bot_owner", "bot_maintainer", "bot_without_grants",
      "bot_in_other_env", "deleted_bot", "revoked_token", "deployment_in_prod", "deployment_by_owner", "deployment_in_staging", "deleted_deployment");
  private static final List<String> DEAD = List.of("deleted_bot", "revoked_token", "deleted_deployment");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
  private static final Pattern PATH_PARAMETER = Pattern.compile(":\\w+");

  private static TestPlatform platz;
  private static World world;

  @BeforeAll
  static void buildTheWorld() {
    platz = TestPlatform.start();
    world = new World(platz);
  }

  @AfterAll
  static void stop() {
    platz.close();
  }

  @Test
  void everyCallerGetsExactlyTheExpectedStatusOnEveryEndpoint() {
    RoleMatrix matrix = RoleMatrix.load("/role-matrix.txt", CALLERS, DEAD);
    List<String> mismatches = new ArrayList<>();
    int requests = 0;
    for (RoleMatrix.Entry entry : matrix.entries()) {
      for (Map.Entry<String, Integer> expected : entry.expected().entrySet()) {
        Response response = world.send(expected.getKey(), entry);
        requests++;
        if (response.status() != expected.getValue()) {
          mismatches.add(String.format("line %d %s as %s: expected %d, got %s", entry.line(), entry.describe(),
              expected.getKey(), expected.getValue(), response));
        }
      }
    }
    assertThat(requests).isGreaterThan(600);
    assertThat(mismatches).as("mismatches").isEmpty();
  }

  @Test
  void everyEndpointIsInTheMatrix() {
    RoleMatrix matrix = RoleMatrix.load("/role-matrix.txt", CALLERS, DEAD);
    List<String> covered = matrix.entries().stream()
        .map(entry -> entry.method() + " " + PLACEHOLDER.matcher(entry.path()).replaceAll(":id"))
        .toList();
    for (Endpoint endpoint : Endpoints.ALL) {
      assertThat(covered).as("role-matrix.txt covers every endpoint")
          .contains(endpoint.method().name() + " /api/v2" + PATH_PARAMETER.matcher(endpoint.path()).replaceAll(":id"));
    }
  }

  /** The envs, kinds, deployments, users, bots and grants the matrix speaks of, made through the API. */
  static final class World {

    private final Api api;
    private final Fixtures fixtures;
    private final String admin;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, Supplier<String>> fresh = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    World(TestPlatform platz) {
      this.api = platz.api();
      this.fixtures = new Fixtures(platz);
      this.admin = fixtures.adminToken();
      tokens.put("site_admin", admin);
      ids.put("prod", created("/envs", new JsonObject().put("name", "prod")));
      ids.put("staging", created("/envs", new JsonObject().put("name", "staging")));
      ids.put("api", created("/deployment-kinds", new JsonObject().put("name", "api").put("actions", new JsonArray()
          .add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer"))
          .add(new JsonObject().put("id", "rollback").put("allowed_role", "Owner")))));
      ids.put("web", created("/deployment-kinds", new JsonObject().put("name", "web")));
      ids.put("api_1", deployment("prod", "api", "api-1"));
      ids.put("web_1", deployment("prod", "web", "web-1"));
      ids.put("api_s", deployment("staging", "api", "api-s"));

      String envAdmin = user("env_admin");
      ids.put("env_admin_id", envAdmin);
      ids.put("env_admin_grant", envRole("prod", "user_id", envAdmin, "Admin"));
      envRole("prod", "user_id", user("env_user"), "User");
      ids.put("owner_grant", kindRole("prod", "api", "user_id", user("owner"), "Owner"));
      kindRole("prod", "api", "user_id", user("maintainer"), "Maintainer");
      user("user_without_roles");
      envRole("prod", "bot_id", bot("bot_env_admin"), "Admin");
      envRole("prod", "bot_id", bot("bot_env_user"), "User");
      kindRole("prod", "api", "bot_id", bot("bot_owner"), "Owner");
      kindRole("prod", "api", "bot_id", bot("bot_maintainer"), "Maintainer");
      bot("bot_without_grants");
      envRole("staging", "bot_id", bot("bot_in_other_env"), "User");

      String doomed = bot("deleted_bot");
      envRole("prod", "bot_id", doomed, "Admin");
      assertThat(api.delete("/api/v2/bots/" + doomed, admin).status()).isEqualTo(204);
      Response second = api.post("/api/v2/user-tokens", admin, new JsonObject().put("user_id", envAdmin));
      tokens.put("revoked_token", fixtures.remember(second.json().getString("created_token")));
      assertThat(api.delete("/api/v2/user-tokens/" + second.json().getString("id"), admin).status()).isEqualTo(204);

      tokens.put("deployment_in_prod", fixtures.deploymentCredential(ids.get("api_1"), admin).getString("created_token"));
      tokens.put("deployment_by_owner", fixtures.deploymentCredential(ids.get("api_1"), tokens.get("owner")).getString("created_token"));
      tokens.put("deployment_in_staging", fixtures.deploymentCredential(ids.get("api_s"), admin).getString("created_token"));
      String doomedDeployment = deployment("prod", "api", "doomed");
      tokens.put("deleted_deployment", fixtures.deploymentCredential(doomedDeployment, admin).getString("created_token"));
      assertThat(api.delete("/api/v2/deployments/" + doomedDeployment, admin).status()).isEqualTo(204);
      ids.put("api_1_task", task(ids.get("api_1")));

      fresh.put("unique", () -> "m" + counter.incrementAndGet() + "-" + System.nanoTime());
      fresh.put("fresh_user", () -> fixtures.user("Fresh " + counter.incrementAndGet()));
      fresh.put("fresh_bot", () -> fixtures.bot("fresh-" + counter.incrementAndGet() + "-" + System.nanoTime()));
      fresh.put("fresh_bot_token", () -> tokenId("/bot-tokens", new JsonObject().put("bot_id", fresh.get("fresh_bot").get())));
      fresh.put("fresh_env_user_token", () -> tokenId("/user-tokens", new JsonObject().put("user_id", ids.get("env_user"))));
      fresh.put("fresh_env", () -> created("/envs", new JsonObject().put("name", fresh.get("unique").get())));
      fresh.put("fresh_kind", () -> created("/deployment-kinds", new JsonObject().put("name", fresh.get("unique").get())));
      fresh.put("fresh_env_grant", () -> envRole("prod", "user_id", fresh.get("fresh_user").get(), "User"));
      fresh.put("fresh_deployment_grant", () -> kindRole("prod", "api", "user_id", fresh.get("fresh_user").get(), "Maintainer"));
      fresh.put("fresh_api_deployment", () -> deployment("prod", "api", fresh.get("unique").get()));
      fresh.put("fresh_api_1_task", () -> task(ids.get("api_1")));
      fresh.put("fresh_api_1_credential", () -> fixtures.deploymentCredential(ids.get("api_1"), admin).getString("id"));
      fresh.put("fresh_api_s_credential", () -> fixtures.deploymentCredential(ids.get("api_s"), admin).getString("id"));
    }

    Response send(String caller, RoleMatrix.Entry entry) {
      String path = resolve(entry.path());
      String body = entry.body() == null ? null : resolve(entry.body());
      return api.raw(entry.method(), path, tokens.get(caller), body);
    }

    private String resolve(String template) {
      Matcher matcher = PLACEHOLDER.matcher(template);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String name = matcher.group(1);
        String value = fresh.containsKey(name) ? fresh.get(name).get() : ids.get(name);
        if (value == null) {
          throw new IllegalStateException("role-matrix.txt names an unknown placeholder {" + name + "}");
        }
        matcher.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      return matcher.appendTail(out).toString();
    }

    private String user(String name) {
      String id = fixtures.user(name);
      ids.put(name, id);
      tokens.put(name, fixtures.userToken(id));
      return id;
    }

    private String bot(String name) {
      String id = fixtures.bot(name);
      tokens.put(name, fixtures.botToken(id));
      return id;
    }

    private String envRole(String env, String subjectField, String subject, String role) {
      return created("/env-user-permissions",
          new JsonObject().put("env_id", ids.get(env)).put(subjectField, subject).put("role", role));
    }

    private String kindRole(String env, String kind, String subjectField, String subject, String role) {
      return created("/deployment-permissions", new JsonObject().put("env_id", ids.get(env)).put("kind_id", ids.get(kind))
          .put(subjectField, subject).put("role", role));
    }

    private String deployment(String env, String kind, String name) {
      return created("/deployments", new JsonObject().put("env_id", ids.get(env)).put("kind_id", ids.get(kind)).put("name", name));
    }

    private String task(String deployment) {
      return created("/deployment-tasks", new JsonObject().put("deployment_id", deployment)
          .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart").put("body", new JsonObject()))));
    }

    private String tokenId(String path, JsonObject body) {
      Response response = api.post("/api/v2" + path, admin, body);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      fixtures.remember(response.json().getString("created_token"));
      return response.json().getString("id");
    }

    private String created(String path, JsonObject body) {
      Response response = api.post("/api/v2" + path, admin, body);
      assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(201);
      return response.json().getString("id");
    }
  }
}
