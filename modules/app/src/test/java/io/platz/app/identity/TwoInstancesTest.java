package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Ports;
import io.platz.app.support.Response;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one database (here two instances in one JVM, each with its own Vert.x and caches): a revocation
 * made through one reaches the other's caches through PostgreSQL NOTIFY, without either assuming it is alone.
 */
class TwoInstancesTest {

  private static TestPlatform a;
  private static TestPlatform b;
  private static Fixtures fixtures;
  private static String admin;

  @BeforeAll
  static void start() {
    PlatzConfig first = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    a = TestPlatform.start(first);
    b = TestPlatform.start(first.withHttpPort(Ports.free()));
    fixtures = new Fixtures(a);
    admin = fixtures.adminToken();
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  @Test
  void aRevocationOnOneInstanceReachesTheOthersCache() {
    String botId = fixtures.bot("shared-bot");
    String token = fixtures.botToken(botId);
    Api other = b.api();
    assertThat(other.get("/api/v2/auth/me", token).status()).as("b verifies and caches it").isEqualTo(200);
    assertThat(other.get("/api/v2/auth/me", token).status()).isEqualTo(200);

    String tokenId = a.api().get("/api/v2/bot-tokens?bot_id=" + botId, admin).items().getJsonObject(0).getString("id");
    assertThat(a.api().delete("/api/v2/bot-tokens/" + tokenId, admin).status()).isEqualTo(204);
    assertThat(a.api().get("/api/v2/auth/me", token).status()).isEqualTo(401);
    assertThat(eventually(() -> other.get("/api/v2/auth/me", token).status(), 401)).as("b refuses it").isEqualTo(401);

    String survivor = fixtures.botToken(botId);
    assertThat(other.get("/api/v2/auth/me", survivor).status()).isEqualTo(200);
    assertThat(a.api().put("/api/v2/bots/" + botId, admin, new JsonObject().put("display_name", "renamed")).status()).isEqualTo(200);
    assertThat(a.api().delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
    assertThat(eventually(() -> other.get("/api/v2/auth/me", survivor).status(), 401)).isEqualTo(401);
  }

  @Test
  void aGrantRemovedOnOneInstanceKillsTheCredentialsItsHolderMintedOnTheOther() {
    String env = created("/envs", new JsonObject().put("name", "minted"));
    String kind = created("/deployment-kinds", new JsonObject().put("name", "minted-api"));
    String deployment = created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "api"));
    String ownerId = fixtures.user("Owner");
    String grant = fixtures.kindRole(env, kind, "user_id", ownerId, "Owner");
    String credential = fixtures.deploymentCredential(deployment, fixtures.userToken(ownerId)).getString("created_token");
    assertThat(b.api().get("/api/v2/auth/me", credential).status()).as("b verifies and caches it").isEqualTo(200);

    assertThat(a.api().delete("/api/v2/deployment-permissions/" + grant, admin).status()).isEqualTo(204);
    assertThat(a.api().get("/api/v2/auth/me", credential).status()).isEqualTo(401);
    assertThat(eventually(() -> b.api().get("/api/v2/auth/me", credential).status(), 401))
        .as("b refuses it within a second").isEqualTo(401);
  }

  @Test
  void aKindChangedOnOneInstanceReachesTheOthersDecisions() {
    String env = created("/envs", new JsonObject().put("name", "prod"));
    String kind = created("/deployment-kinds", new JsonObject().put("name", "api").put("actions", restartNeeds("Maintainer")));
    String deployment = created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "api"));
    String botId = fixtures.bot("kind-bot");
    created("/deployment-permissions", new JsonObject().put("env_id", env).put("kind_id", kind).put("bot_id", botId)
        .put("role", "Maintainer"));
    String bot = fixtures.botToken(botId);
    JsonObject restart = new JsonObject().put("deployment_id", deployment)
        .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart")));
    assertThat(b.api().post("/api/v2/deployment-tasks", bot, restart).status()).as("b reads and caches the kind").isEqualTo(201);

    assertThat(a.api().put("/api/v2/deployment-kinds/" + kind, admin, new JsonObject().put("actions", restartNeeds("Owner"))).status())
        .isEqualTo(200);
    assertThat(eventually(() -> b.api().post("/api/v2/deployment-tasks", bot, restart).status(), 403))
        .as("b refuses it").isEqualTo(403);
  }

  private static JsonArray restartNeeds(String role) {
    return new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", role));
  }

  private static String created(String path, JsonObject body) {
    Response response = a.api().post("/api/v2" + path, admin, body);
    assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(201);
    return response.json().getString("id");
  }

  /**
   * The status {@code request} answers once it is {@code expected}. The time it took is printed, not asserted: it
   * is the NOTIFY's trip between processes (milliseconds here), and a busy CI machine may stretch it.
   */
  private static int eventually(Supplier<Integer> request, int expected) {
    long started = System.nanoTime();
    int status = Eventually.read(request, answered -> answered == expected);
    System.out.printf("the other instance answered %d after %d ms%n", status, (System.nanoTime() - started) / 1_000_000);
    return status;
  }
}
