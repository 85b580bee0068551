package io.platz.app.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What users and bots see in lists, how grants behave, and how envs, kinds and deployments are kept consistent. */
class VisibilityAndGrantsTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static Fixtures fixtures;
  private static String admin;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
  }


  @Test
  void aChartBotWithMaintainerOnItsKindSeesItsOwnDeploymentsAndNothingElse() {
    String env = env("shop-" + UUID.randomUUID());
    String other = env("other-" + UUID.randomUUID());
    String chart = kind("chart-" + UUID.randomUUID());
    String web = kind("web-" + UUID.randomUUID());
    String mine1 = deployment(env, chart, "mine-1");
    String mine2 = deployment(env, chart, "mine-2");
    deployment(env, web, "theirs");
    deployment(other, chart, "elsewhere");
    String botId = fixtures.bot("chart-bot-" + UUID.randomUUID());
    String bot = fixtures.botToken(botId);
    assertThat(api.get("/api/v2/envs", bot).json().getLong("num_total")).as("a new bot sees no env at all").isZero();
    assertThat(api.get("/api/v2/deployments", bot).json().getLong("num_total")).isZero();

    grant("/deployment-permissions", new JsonObject().put("env_id", env).put("kind_id", chart).put("bot_id", botId).put("role", "Maintainer"));

    Response envs = api.get("/api/v2/envs", bot);
    assertThat(envs.json().getLong("num_total")).isEqualTo(1);
    assertThat(envs.items().getJsonObject(0).getString("id")).isEqualTo(env);
    Response deployments = api.get("/api/v2/deployments?per_page=1", bot);
    assertThat(deployments.json().getLong("num_total")).as("counts are filtered too").isEqualTo(2);
    assertThat(deployments.items()).hasSize(1);
    assertThat(ids(api.get("/api/v2/deployments", bot))).containsExactlyInAnyOrder(mine1, mine2);
    assertThat(api.get("/api/v2/env-user-permissions", bot).json().getLong("num_total")).as("no env role, no grants seen").isZero();
    assertThat(api.put("/api/v2/deployments/" + mine1, bot, new JsonObject().put("status", "Running")).status()).isEqualTo(200);
    assertThat(api.delete("/api/v2/deployments/" + mine1, bot).status()).as("Maintainers do not delete").isEqualTo(403);
  }

  @Test
  void aBotGrantedOnlyOnProdSeesNothingOfStaging() {
    String prod = env("prod-" + UUID.randomUUID());
    String staging = env("staging-" + UUID.randomUUID());
    String kind = kind("svc-" + UUID.randomUUID());
    String inProd = deployment(prod, kind, "svc");
    String inStaging = deployment(staging, kind, "svc");
    String botId = fixtures.bot("ci-deploy-prod-" + UUID.randomUUID());
    String bot = fixtures.botToken(botId);
    grant("/env-user-permissions", new JsonObject().put("env_id", prod).put("bot_id", botId).put("role", "User"));

    assertThat(ids(api.get("/api/v2/envs", bot))).containsExactly(prod);
    assertThat(ids(api.get("/api/v2/deployments", bot))).containsExactly(inProd);
    assertThat(api.get("/api/v2/deployments?env_id=" + staging, bot).json().getLong("num_total")).isZero();
    assertThat(api.get("/api/v2/deployments/" + inStaging, bot).status()).isEqualTo(404);
    assertThat(api.get("/api/v2/envs/" + staging, bot).status()).isEqualTo(404);
    assertThat(api.get("/api/v2/env-user-permissions?env_id=" + staging, bot).json().getLong("num_total")).isZero();
  }

  @Test
  void aGrantOrARemovalIsInForceForTheVeryNextRequest() {
    String env = env("live-" + UUID.randomUUID());
    String userId = fixtures.user("Grace Granted");
    String user = fixtures.userToken(userId);
    assertThat(api.get("/api/v2/envs/" + env, user).status()).isEqualTo(404);

    String grant = grant("/env-user-permissions", new JsonObject().put("env_id", env).put("user_id", userId).put("role", "Admin"));
    assertThat(api.get("/api/v2/envs/" + env, user).status()).isEqualTo(200);
    assertThat(api.put("/api/v2/envs/" + env, user, new JsonObject().put("auto_add_new_users", true)).status()).isEqualTo(200);

    assertThat(api.delete("/api/v2/env-user-permissions/" + grant, user).status())
        .as("removing your own env role").isEqualTo(409);
    assertThat(api.delete("/api/v2/env-user-permissions/" + grant, admin).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/envs/" + env, user).status()).isEqualTo(404);
  }

  @Test
  void grantsAreCheckedAndUnique() {
    String env = env("checked-" + UUID.randomUUID());
    String kind = kind("checked-" + UUID.randomUUID());
    String userId = fixtures.user("Ivy Twice");
    JsonObject role = new JsonObject().put("env_id", env).put("user_id", userId).put("role", "User");
    grant("/env-user-permissions", role);
    assertThat(api.post("/api/v2/env-user-permissions", admin, role).status()).as("duplicate").isEqualTo(409);
    assertThat(api.post("/api/v2/env-user-permissions", admin, role.copy().put("role", "Admin")).status())
        .as("one env role per subject").isEqualTo(409);

    String botId = fixtures.bot("gone-" + UUID.randomUUID());
    api.delete("/api/v2/bots/" + botId, admin);
    assertThat(api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put("bot_id", botId).put("role", "User")).status()).as("deleted bot").isEqualTo(400);
    assertThat(api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put("bot_id", UUID.randomUUID().toString()).put("role", "User")).status())
        .as("unknown bot").isEqualTo(404);
    assertThat(api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put("user_id", UUID.randomUUID().toString()).put("role", "User")).status())
        .as("unknown user").isEqualTo(404);
    assertThat(api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put("user_id", userId).put("bot_id", botId).put("role", "User")).status())
        .as("two subjects").isEqualTo(400);
    assertThat(api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put("user_id", userId).put("role", "Owner")).status()).as("not an env role").isEqualTo(400);
    assertThat(api.post("/api/v2/deployment-permissions", admin, new JsonObject().put("env_id", env)
        .put("kind_id", UUID.randomUUID().toString()).put("user_id", userId).put("role", "Owner")).status()).as("unknown kind").isEqualTo(404);
    assertThat(api.post("/api/v2/deployment-permissions", admin, new JsonObject().put("env_id", env)
        .put("kind_id", kind).put("user_id", userId).put("role", "Admin")).status()).as("not a deployment role").isEqualTo(400);
  }

  @Test
  void deletingABotRemovesItsGrantsInTheSameTransaction() {
    String env = env("bots-" + UUID.randomUUID());
    String kind = kind("bots-" + UUID.randomUUID());
    String botId = fixtures.bot("leaving-" + UUID.randomUUID());
    grant("/env-user-permissions", new JsonObject().put("env_id", env).put("bot_id", botId).put("role", "Admin"));
    grant("/deployment-permissions", new JsonObject().put("env_id", env).put("kind_id", kind).put("bot_id", botId).put("role", "Owner"));

    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/env-user-permissions?bot_id=" + botId, admin).json().getLong("num_total")).isZero();
    assertThat(api.get("/api/v2/deployment-permissions?bot_id=" + botId, admin).json().getLong("num_total")).isZero();
  }

  @Test
  void anEnvWithLiveDeploymentsCannotBeDeleted() {
    String env = env("busy-" + UUID.randomUUID());
    String kind = kind("busy-" + UUID.randomUUID());
    String deployment = deployment(env, kind, "still-here");
    Response refused = api.delete("/api/v2/envs/" + env, admin);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("message")).contains("still-here");
    assertThat(api.delete("/api/v2/deployment-kinds/" + kind, admin).status()).isEqualTo(409);

    assertThat(api.delete("/api/v2/deployments/" + deployment, admin).status()).isEqualTo(204);
    assertThat(api.delete("/api/v2/envs/" + env, admin).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/envs/" + env, admin).status()).isEqualTo(404);
    assertThat(api.post("/api/v2/deployments", admin, new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "late")).status())
        .isEqualTo(404);
    assertThat(api.get("/api/v2/deployments/" + deployment, admin).json().getString("deleted_at"))
        .as("a retired deployment can still be named").isNotNull();
  }

  @Test
  void envNamesAreUniqueCaseInsensitivelyAndTheCreatorIsAdmin() {
    String name = "Unique-" + UUID.randomUUID();
    String env = env(name);
    assertThat(api.post("/api/v2/envs", admin, new JsonObject().put("name", name.toLowerCase())).status()).isEqualTo(409);
    String adminId = api.get("/api/v2/auth/me", admin).json().getJsonObject("User").getString("id");
    JsonArray grants = api.get("/api/v2/env-user-permissions?env_id=" + env, admin).items();
    assertThat(grants).hasSize(1);
    assertThat(grants.getJsonObject(0).getString("user_id")).isEqualTo(adminId);
    assertThat(grants.getJsonObject(0).getString("role")).isEqualTo("Admin");
  }

  @Test
  void newUsersJoinEnvsThatAddThemAutomatically() {
    String open = created("/envs", new JsonObject().put("name", "open-" + UUID.randomUUID()).put("auto_add_new_users", true));
    String closed = env("closed-" + UUID.randomUUID());
    String user = fixtures.userToken(fixtures.user("Newcomer"));
    List<String> seen = ids(api.get("/api/v2/envs?per_page=500", user));
    assertThat(seen).contains(open).doesNotContain(closed);
  }

  @Test
  void deploymentsAreValidated() {
    String env = env("valid-" + UUID.randomUUID());
    String kind = kind("valid-" + UUID.randomUUID());
    String id = deployment(env, kind, "api");
    JsonObject same = new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "API");
    assertThat(api.post("/api/v2/deployments", admin, same).status()).as("name unique per env and kind").isEqualTo(409);
    assertThat(api.post("/api/v2/deployments", admin, same.copy().put("name", "x").put("config", new JsonArray())).status())
        .as("config must be an object").isEqualTo(400);
    assertThat(api.post("/api/v2/deployments", admin, same.copy().put("kind_id", UUID.randomUUID().toString())).status())
        .as("unknown kind").isEqualTo(404);
    assertThat(api.put("/api/v2/deployments/" + id, admin, new JsonObject().put("env_id", UUID.randomUUID().toString())).status())
        .as("a deployment does not move").isEqualTo(400);
    Response updated = api.put("/api/v2/deployments/" + id, admin,
        new JsonObject().put("config", new JsonObject().put("replicas", 3)).put("enabled", false).put("status", "Running"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getJsonObject("config").getInteger("replicas")).isEqualTo(3);
    assertThat(updated.json().getBoolean("enabled")).isFalse();
    assertThat(api.put("/api/v2/deployments/" + id, admin, new JsonObject().put("status", "Dancing")).status()).isEqualTo(400);
  }

  @Test
  void kindActionsAreValidated() {
    JsonObject kind = new JsonObject().put("name", "k-" + UUID.randomUUID());
    for (JsonArray bad : List.of(
        new JsonArray().add(new JsonObject().put("id", "x").put("allowed_role", "Admin")),
        new JsonArray().add(new JsonObject().put("id", "x").put("allowed_role", "Owner")).add(new JsonObject().put("id", "x").put("allowed_role", "Owner")),
        new JsonArray().add(new JsonObject().put("id", "bad id!").put("allowed_role", "Owner")),
        new JsonArray().add("restart"))) {
      assertThat(api.post("/api/v2/deployment-kinds", admin, kind.copy().put("actions", bad)).status()).as(bad.encode()).isEqualTo(400);
    }
    Response created = api.post("/api/v2/deployment-kinds", admin, kind.copy().put("actions",
        new JsonArray().add(new JsonObject().put("id", "restart").put("title", "Restart").put("allowed_role", "Maintainer"))));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().getJsonArray("actions").getJsonObject(0).getString("allowed_role")).isEqualTo("Maintainer");
  }

  @Test
  void aKindsChangedActionIsInForceForTheVeryNextRequest() {
    String env = env("ops-" + UUID.randomUUID());
    String kind = kind("ops-" + UUID.randomUUID());
    String target = deployment(env, kind, "ops");
    String botId = fixtures.bot("ops-bot-" + UUID.randomUUID());
    String bot = fixtures.botToken(botId);
    grant("/deployment-permissions", new JsonObject().put("env_id", env).put("kind_id", kind).put("bot_id", botId).put("role", "Maintainer"));

    assertThat(restart(target, bot)).as("no such action yet").isEqualTo(400);
    restartNeeds(kind, "Maintainer");
    assertThat(restart(target, bot)).isEqualTo(201);
    restartNeeds(kind, "Owner");
    assertThat(restart(target, bot)).isEqualTo(403);
  }

  private String env(String name) {
    return created("/envs", new JsonObject().put("name", name));
  }

  private String kind(String name) {
    return created("/deployment-kinds", new JsonObject().put("name", name));
  }

  private String deployment(String env, String kind, String name) {
    return created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kind).put("name", name));
  }

  private void restartNeeds(String kind, String role) {
    JsonArray actions = new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", role));
    assertThat(api.put("/api/v2/deployment-kinds/" + kind, admin, new JsonObject().put("actions", actions)).status()).isEqualTo(200);
  }

  private int restart(String deployment, String token) {
    return api.post("/api/v2/deployment-tasks", token, new JsonObject().put("deployment_id", deployment)
        .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart")))).status();
  }

  private String grant(String path, JsonObject body) {
    return created(path, body);
  }

  private String created(String path, JsonObject body) {
    Response response = api.post("/api/v2" + path, admin, body);
    assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(201);
    return response.json().getString("id");
  }

  private static List<String> ids(Response list) {
    return list.items().stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }
}
