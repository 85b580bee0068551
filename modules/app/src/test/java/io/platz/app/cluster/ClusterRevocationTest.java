package io.platz.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.SharedCluster;
import io.platz.app.support.Response;
import io.platz.app.support.TestCluster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three clustered instances on one database: a change answered 2xx on one instance holds on every other from the
 * very next request, with no waiting in between. Each credential or decision is first used on the other instances,
 * so that it sits in their caches when the change is made. Repeated, since what is checked is a race.
 */
class ClusterRevocationTest {

  private static final int TRIALS = 5;

  @RegisterExtension
  static final SharedCluster CLUSTER = new SharedCluster(3);

  private static TestCluster cluster;
  private static Fixtures fixtures;
  private static String admin;
  private static Api a;
  private static Api b;
  private static Api c;

  @BeforeAll
  static void start() {
    cluster = CLUSTER.cluster();
    fixtures = CLUSTER.fixtures();
    admin = fixtures.adminToken();
    a = cluster.instance(0).api();
    b = cluster.instance(1).api();
    c = cluster.instance(2).api();
  }

  @RepeatedTest(TRIALS)
  void aTokenRevokedOnAIsRefusedOnBAndCAtOnce() {
    String user = fixtures.user("Revoked");
    String token = usedOnEveryInstance(fixtures.userToken(user));
    String tokenId = a.get("/api/v2/user-tokens?user_id=" + user, admin).items().getJsonObject(0).getString("id");

    assertThat(a.delete("/api/v2/user-tokens/" + tokenId, admin).status()).isEqualTo(204);

    assertThat(b.get("/api/v2/auth/me", token).status()).as("B").isEqualTo(401);
    assertThat(c.get("/api/v2/auth/me", token).status()).as("C").isEqualTo(401);
  }

  @RepeatedTest(TRIALS)
  void aBotDeletedOnBIsRefusedOnAAtOnce() {
    String bot = fixtures.bot("deleted on B " + System.nanoTime());
    String token = usedOnEveryInstance(fixtures.botToken(bot));

    assertThat(b.delete("/api/v2/bots/" + bot, admin).status()).isEqualTo(204);

    assertThat(a.get("/api/v2/auth/me", token).status()).as("A").isEqualTo(401);
    assertThat(c.get("/api/v2/auth/me", token).status()).as("C").isEqualTo(401);
  }

  @RepeatedTest(TRIALS)
  void aUserDeactivatedOnAIsRefusedOnBAndCAtOnce() {
    String user = fixtures.user("Deactivated");
    String token = usedOnEveryInstance(fixtures.userToken(user));

    assertThat(a.put("/api/v2/users/" + user, admin, new JsonObject().put("is_active", false)).status()).isEqualTo(200);

    assertThat(b.get("/api/v2/auth/me", token).status()).as("B").isEqualTo(401);
    assertThat(c.get("/api/v2/auth/me", token).status()).as("C").isEqualTo(401);
  }

  @RepeatedTest(TRIALS)
  void aGrantMadeOnAIsInForceOnCAtOnceAndItsRemovalToo() {
    Restart restart = Restart.onNewDeployment("Maintainer");
    // without a grant the deployment is not even visible to the bot
    assertThat(restart.on(c)).as("C, before the grant").isEqualTo(404);

    String grant = fixtures.kindRole(restart.env, restart.kind, "bot_id", restart.bot, "Maintainer");
    assertThat(restart.on(c)).as("C, after the grant").isEqualTo(201);
    assertThat(restart.on(b)).as("B, after the grant").isEqualTo(201);

    assertThat(a.delete("/api/v2/deployment-permissions/" + grant, admin).status()).isEqualTo(204);
    assertThat(restart.on(c)).as("C, after the removal").isEqualTo(404);
    assertThat(restart.on(b)).as("B, after the removal").isEqualTo(404);
  }

  @RepeatedTest(TRIALS)
  void aKindsActionRoleChangedOnAIsInForceOnBAndCAtOnce() {
    Restart restart = Restart.onNewDeployment("Maintainer");
    fixtures.kindRole(restart.env, restart.kind, "bot_id", restart.bot, "Maintainer");
    assertThat(restart.on(b)).as("B reads and caches the kind").isEqualTo(201);
    assertThat(restart.on(c)).as("C reads and caches the kind").isEqualTo(201);

    assertThat(a.put("/api/v2/deployment-kinds/" + restart.kind, admin, new JsonObject().put("actions", restartNeeds("Owner")))
        .status()).isEqualTo(200);

    assertThat(restart.on(b)).as("B").isEqualTo(403);
    assertThat(restart.on(c)).as("C").isEqualTo(403);
  }

  /** Used once on each instance, so that each has verified it and keeps it in its cache. */
  private static String usedOnEveryInstance(String token) {
    for (Api instance : List.of(a, b, c)) {
      assertThat(instance.get("/api/v2/auth/me", token).status()).isEqualTo(200);
    }
    return token;
  }

  private static JsonArray restartNeeds(String role) {
    return new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", role));
  }

  /** A bot asking to restart a deployment whose kind's restart needs a given role. */
  private record Restart(String env, String kind, String bot, String botToken, JsonObject task) {

    static Restart onNewDeployment(String role) {
      String env = fixtures.env("env-" + System.nanoTime());
      String kind = created(a.post("/api/v2/deployment-kinds", admin,
          new JsonObject().put("name", "kind-" + System.nanoTime()).put("actions", restartNeeds(role))));
      String deployment = fixtures.deployment(env, kind, "api");
      String bot = fixtures.bot("restarter " + System.nanoTime());
      return new Restart(env, kind, bot, fixtures.botToken(bot), new JsonObject().put("deployment_id", deployment)
          .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart"))));
    }

    int on(Api instance) {
      return instance.post("/api/v2/deployment-tasks", botToken, task).status();
    }

    private static String created(Response response) {
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      return response.json().getString("id");
    }
  }
}
