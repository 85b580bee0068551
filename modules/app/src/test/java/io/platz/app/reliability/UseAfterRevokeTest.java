package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.api.Endpoints;
import io.platz.app.support.Api;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of credential, killed every way it can die, used on every endpoint right after and again later:
 * 401 each time, not one success. Each credential is used before it dies, so it sits in the verification cache
 * when it dies: the cache must not outlive the credential.
 */
class UseAfterRevokeTest {

  @Test
  void aDeadCredentialIs401OnEveryEndpointFromTheNextRequestOn() {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_DEPLOYMENT_TOKEN_TTL_SECONDS", "5")))) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String admin = fixtures.adminToken();
      String env = id(api.post("/api/v2/envs", admin, new JsonObject().put("name", "prod")));
      String kind = id(api.post("/api/v2/deployment-kinds", admin, new JsonObject().put("name", "api").put("actions",
          new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer")))));
      Map<String, String> targets = Map.of("id", id(api.post("/api/v2/deployments", admin,
          new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "target"))));

      Map<String, String> dead = new LinkedHashMap<>();
      String userId = fixtures.user("Revoked User");
      String revokedUser = used(api, fixtures.userToken(userId));
      api.delete("/api/v2/user-tokens/" + tokenId(api, admin, "/api/v2/user-tokens?user_id=" + userId), admin);
      dead.put("user token, revoked", revokedUser);

      // expiring ones live 5 s: long enough to be used once on a busy machine, short enough to wait for
      String expiring = fixtures.remember(api.post("/api/v2/user-tokens", admin, new JsonObject().put("user_id", fixtures.user("Expiring"))
          .put("expires_at", Instant.now().plusSeconds(5).toString())).json().getString("created_token"));
      used(api, expiring);

      String deactivatedId = fixtures.user("Deactivated User");
      String deactivated = used(api, fixtures.userToken(deactivatedId));
      api.put("/api/v2/users/" + deactivatedId, admin, new JsonObject().put("is_active", false));
      dead.put("user token, user deactivated", deactivated);

      String botId = fixtures.bot("revoked-bot");
      String revokedBot = used(api, fixtures.botToken(botId));
      api.delete("/api/v2/bot-tokens/" + tokenId(api, admin, "/api/v2/bot-tokens?bot_id=" + botId), admin);
      dead.put("bot token, revoked", revokedBot);

      String expiringBot = fixtures.remember(api.post("/api/v2/bot-tokens", admin, new JsonObject().put("bot_id", fixtures.bot("expiring-bot"))
          .put("expires_at", Instant.now().plusSeconds(5).toString())).json().getString("created_token"));
      used(api, expiringBot);

      String deletedBotId = fixtures.bot("deleted-bot");
      String deletedBot = used(api, fixtures.botToken(deletedBotId));
      api.delete("/api/v2/bots/" + deletedBotId, admin);
      dead.put("bot token, bot deleted", deletedBot);

      String expiringDeployment = used(api, fixtures.deploymentCredential(targets.get("id"), admin).getString("created_token"));

      dead.put("user token, expired", expiring);
      dead.put("bot token, expired", expiringBot);
      dead.put("deployment credential, expired", expiringDeployment);
      // the sweep starts once the clock has passed every expiry, asked as a holder would find out, not after a sleep
      for (String expired : List.of(expiring, expiringBot, expiringDeployment)) {
        assertThat(Eventually.read(() -> api.get("/api/v2/auth/me", expired).status(), status -> status == 401)).isEqualTo(401);
      }

      assertEveryUseRefused(api, dead, targets.get("id"));
    }
  }

  /**
   * The ways a deployment credential dies besides expiry, with credentials that live an hour, so that nothing but
   * the way each died refuses them. Those minted by someone die when that someone may no longer mint them.
   */
  @Test
  void aDeadDeploymentCredentialIs401OnEveryEndpointFromTheNextRequestOn() {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl())))) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String admin = fixtures.adminToken();
      String env = fixtures.env("prod");
      String kind = fixtures.kind("api");
      String target = fixtures.deployment(env, kind, "target");
      Map<String, String> dead = new LinkedHashMap<>();

      String doomed = fixtures.deployment(env, kind, "doomed");
      String deletedDeployment = used(api, fixtures.deploymentCredential(doomed, admin).getString("created_token"));
      api.delete("/api/v2/deployments/" + doomed, admin);
      dead.put("deployment credential, deployment deleted", deletedDeployment);

      JsonObject revoked = fixtures.deploymentCredential(target, admin);
      used(api, revoked.getString("created_token"));
      api.delete("/api/v2/deployments/" + target + "/credentials/" + revoked.getString("id"), admin);
      dead.put("deployment credential, revoked", revoked.getString("created_token"));

      String minterId = fixtures.user("Deactivated Minter");
      fixtures.kindRole(env, kind, "user_id", minterId, "Owner");
      String mintedByDeactivated = used(api, fixtures.deploymentCredential(target, fixtures.userToken(minterId)).getString("created_token"));
      api.put("/api/v2/users/" + minterId, admin, new JsonObject().put("is_active", false));
      dead.put("deployment credential, minter deactivated", mintedByDeactivated);

      String minterBot = fixtures.bot("deleted-minter");
      fixtures.kindRole(env, kind, "bot_id", minterBot, "Owner");
      String mintedByDeletedBot = used(api, fixtures.deploymentCredential(target, fixtures.botToken(minterBot)).getString("created_token"));
      api.delete("/api/v2/bots/" + minterBot, admin);
      dead.put("deployment credential, minter's bot deleted", mintedByDeletedBot);

      String ownerId = fixtures.user("Former Owner");
      String ownerGrant = fixtures.kindRole(env, kind, "user_id", ownerId, "Owner");
      String mintedByFormerOwner = used(api, fixtures.deploymentCredential(target, fixtures.userToken(ownerId)).getString("created_token"));
      api.delete("/api/v2/deployment-permissions/" + ownerGrant, admin);
      dead.put("deployment credential, minter's Owner role removed", mintedByFormerOwner);

      String envAdminId = fixtures.user("Former Env Admin");
      String envAdminGrant = fixtures.envRole(env, "user_id", envAdminId, "Admin");
      String mintedByFormerEnvAdmin = used(api, fixtures.deploymentCredential(target, fixtures.userToken(envAdminId))
          .getString("created_token"));
      api.delete("/api/v2/env-user-permissions/" + envAdminGrant, admin);
      dead.put("deployment credential, minter's env Admin role removed", mintedByFormerEnvAdmin);

      String siteAdminId = fixtures.user("Former Site Admin");
      api.put("/api/v2/users/" + siteAdminId, admin, new JsonObject().put("is_admin", true));
      String mintedByFormerSiteAdmin = used(api, fixtures.deploymentCredential(target, fixtures.userToken(siteAdminId))
          .getString("created_token"));
      api.put("/api/v2/users/" + siteAdminId, admin, new JsonObject().put("is_admin", false));
      dead.put("deployment credential, minter no longer site admin", mintedByFormerSiteAdmin);

      assertEveryUseRefused(api, dead, target);
    }
  }

  /** Each credential on every endpoint, twice: 401 each time. */
  private static void assertEveryUseRefused(Api api, Map<String, String> dead, String target) {
    List<String> successes = new ArrayList<>();
    int requests = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (Map.Entry<String, String> credential : dead.entrySet()) {
        for (Map.Entry<HttpMethod, String> route : authenticatedRoutes()) {
          String path = "/api/v2" + route.getValue().replaceAll(":\\w+", target);
          Response response = api.raw(route.getKey().name(), path, credential.getValue(), "{}");
          requests++;
          if (response.status() != 401) {
            successes.add(credential.getKey() + ": " + route.getKey() + " " + path + " → " + response);
          }
        }
      }
    }
    assertThat(requests).isGreaterThan(500);
    assertThat(successes).isEmpty();
  }

  /** Method and path of every route that takes a credential. */
  private static List<Map.Entry<HttpMethod, String>> authenticatedRoutes() {
    List<Map.Entry<HttpMethod, String>> all = new ArrayList<>();
    Endpoints.ALL.forEach(endpoint -> all.add(Map.entry(endpoint.method(), endpoint.path())));
    all.add(Map.entry(HttpMethod.GET, "/auth/me"));
    return all;
  }

  /** Uses the credential once, so that it is cached when it dies. */
  private static String used(Api api, String token) {
    assertThat(api.get("/api/v2/auth/me", token).status()).isEqualTo(200);
    return token;
  }

  private static String tokenId(Api api, String admin, String list) {
    return api.get(list, admin).items().getJsonObject(0).getString("id");
  }

  private static String id(Response created) {
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }
}
