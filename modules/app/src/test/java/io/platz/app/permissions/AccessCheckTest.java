package io.platz.app.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/v2/auth/check answers, for the caller's own credential, what the real requests would: each check is
 * compared with the real request made right after it, and a deployment the caller cannot see is answered as one
 * that does not exist.
 */
class AccessCheckTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static Fixtures fixtures;
  private static String admin;

  private String env;
  private String kind;
  private String deployment;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
  }

  @BeforeEach
  void world() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    env = fixtures.env("check-" + unique);
    kind = fixtures.kind("check-" + unique);
    deployment = fixtures.deployment(env, kind, "checked");
  }

  @Test
  void aBotWithTheEnvUserRoleMayDoLessThanOneWithAdminAndEachAnswerIsWhatTheRealRequestDoes() {
    String user = fixtures.botToken(botWith("User"));
    String envAdmin = fixtures.botToken(botWith("Admin"));

    List<Boolean> asUser = agreesWithTheRealRequests(user);
    List<Boolean> asAdmin = agreesWithTheRealRequests(envAdmin);

    assertThat(asUser).containsExactly(false, false, false, false, false);
    assertThat(asAdmin).containsExactly(false, true, true, true, true);
  }

  @Test
  void aSiteAdminMayDoAllOfIt() {
    assertThat(agreesWithTheRealRequests(admin)).containsExactly(true, true, true, true, true);
  }

  @Test
  void aDeploymentCredentialAsksAboutItselfAndOnlyInvokesActions() {
    String credential = fixtures.deploymentCredential(deployment, admin).getString("created_token");

    assertThat(agreesWithTheRealRequests(credential)).containsExactly(false, false, false, false, false);
    assertThat(results(credential, check("deployments_update", "deployment_id", deployment)).getJsonObject(0).getString("reason"))
        .isEqualTo("a deployment may only invoke actions");
  }

  @Test
  void aDeploymentTheCallerCannotSeeIsAnsweredAsOneThatDoesNotExist() {
    String otherEnvsBot = fixtures.bot("elsewhere " + UUID.randomUUID());
    fixtures.envRole(fixtures.env("elsewhere-" + UUID.randomUUID().toString().substring(0, 8)), otherEnvsBot, "Admin");
    String outsider = fixtures.botToken(otherEnvsBot);
    String missing = UUID.randomUUID().toString();

    JsonArray answers = results(outsider, check("deployments_delete", "deployment_id", deployment),
        check("deployments_delete", "deployment_id", missing));

    assertThat(answers.getJsonObject(0)).isEqualTo(answers.getJsonObject(1));
    assertThat(answers.getJsonObject(0).getBoolean("allowed")).isFalse();
    Response invisible = api.delete("/api/v2/deployments/" + deployment, outsider);
    Response absent = api.delete("/api/v2/deployments/" + missing, outsider);
    assertThat(invisible.body()).isEqualTo(absent.body());
    assertThat(answers.getJsonObject(0).getString("reason")).isEqualTo(invisible.json().getString("message"));
    assertThat(results(admin, check("deployments_delete", "deployment_id", missing)).getJsonObject(0).getString("reason"))
        .isEqualTo(api.delete("/api/v2/deployments/" + missing, admin).json().getString("message"));
  }

  @Test
  void oneHundredChecksAreAnsweredInOrderAndOneMoreIsRefused() {
    JsonObject[] hundred = IntStream.range(0, 100).mapToObj(i -> i % 2 == 0 ? check("users_read")
        : check("envs_update", "env_id", env)).toArray(JsonObject[]::new);
    JsonArray answers = results(admin, hundred);
    assertThat(answers).hasSize(100);

    JsonArray tooMany = new JsonArray(new ArrayList<>(List.of(hundred))).add(check("users_read"));
    Response refused = api.post("/api/v2/auth/check", admin, new JsonObject().put("checks", tooMany));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getString("message")).contains("101").contains("at most 100");
  }

  @Test
  void aMalformedCheckIsRefusedNamingItsIndexAndField() {
    assertRefused("'checks[1].deployment_id' is required", check("users_read"), check("deployments_update"));
    assertRefused("'checks[0].env_id' is not used by deployments_update",
        check("deployments_update", "deployment_id", deployment).put("env_id", env));
    assertRefused("'checks[0].env_id' must be a UUID", check("envs_update", "env_id", "prod"));
    assertRefused("'checks[0].action' must be one of", check("tasks_create"));
    assertRefused("'checks' must be an array of 1 to 100 checks");
  }

  /**
   * Asks five checks, then makes each real request in turn and holds the answer to it: allowed exactly when the
   * request succeeds, refused with the request's own message otherwise. Answers the five verdicts.
   */
  private List<Boolean> agreesWithTheRealRequests(String token) {
    String bot = fixtures.bot("grantee " + UUID.randomUUID());
    List<Probe> probes = List.of(
        new Probe(check("users_read"), () -> api.get("/api/v2/users", token)),
        new Probe(check("envs_update", "env_id", env),
            () -> api.put("/api/v2/envs/" + env, token, new JsonObject().put("auto_add_new_users", false))),
        new Probe(check("env_roles_grant", "env_id", env), () -> api.post("/api/v2/env-user-permissions", token,
            new JsonObject().put("env_id", env).put("bot_id", bot).put("role", "User"))),
        new Probe(check("deployments_create", "env_id", env).put("kind_id", kind), () -> api.post("/api/v2/deployments",
            token, new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "d-" + UUID.randomUUID()))),
        new Probe(check("deployments_update", "deployment_id", deployment),
            () -> api.put("/api/v2/deployments/" + deployment, token, new JsonObject().put("enabled", true))));
    JsonArray answers = results(token, probes.stream().map(Probe::check).toArray(JsonObject[]::new));
    for (int i = 0; i < probes.size(); i++) {
      JsonObject answer = answers.getJsonObject(i);
      Response real = probes.get(i).real().get();
      assertThat(real.status() < 300).as("check %s answered %s, the request %s", i, answer, real)
          .isEqualTo(answer.getBoolean("allowed"));
      assertThat(answer.getString("reason")).as("check %s", i)
          .isEqualTo(real.status() < 300 ? null : real.json().getString("message"));
    }
    return answers.stream().map(answer -> ((JsonObject) answer).getBoolean("allowed")).toList();
  }

  private String botWith(String envRole) {
    String bot = fixtures.bot(envRole + " of " + env);
    fixtures.envRole(env, bot, envRole);
    return bot;
  }

  private static JsonArray results(String token, JsonObject... checks) {
    Response response = api.post("/api/v2/auth/check", token, new JsonObject().put("checks", new JsonArray(List.of(checks))));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonArray results = response.json().getJsonArray("results");
    assertThat(results).hasSize(checks.length);
    return results;
  }

  private static void assertRefused(String message, JsonObject... checks) {
    Response response = api.post("/api/v2/auth/check", admin, new JsonObject().put("checks", new JsonArray(List.of(checks))));
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().getString("message")).startsWith(message);
  }

  private static JsonObject check(String action) {
    return new JsonObject().put("action", action);
  }

  private static JsonObject check(String action, String field, String id) {
    return check(action).put(field, id);
  }

  private record Probe(JsonObject check, Supplier<Response> real) {
  }
}
