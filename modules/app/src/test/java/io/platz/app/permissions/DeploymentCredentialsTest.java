package io.platz.app.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.platz.app.support.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment credential holds no more than whoever minted it: minted by the Owner of one kind, it acts as a
 * Maintainer on that kind's deployments and sees nothing else of the env; it dies (401 from the very next request)
 * when its minter may no longer mint it; and whoever may mint it may revoke it.
 */
class DeploymentCredentialsTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static Fixtures fixtures;
  private static String admin;

  private String env;
  private String kindA;
  private String kindB;
  private String deploymentA;
  private String deploymentB;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
  }

  /** An env with kinds ka and kb and one deployment of each; db's config holds what only its people may read. */
  @BeforeEach
  void world() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    env = fixtures.env("e1-" + unique);
    kindA = kind("ka-" + unique);
    kindB = kind("kb-" + unique);
    deploymentA = fixtures.deployment(env, kindA, "da");
    deploymentB = created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kindB).put("name", "db")
        .put("config", new JsonObject().put("database_password", "hunter2")));
  }

  @Test
  void aCredentialMintedByTheOwnerOfOneKindReachesOnlyThatKind() {
    String u1 = fixtures.userToken(ownerOfKindA("user_id", fixtures.user("U1")));
    assertThat(ids(api.get("/api/v2/deployments?env_id=" + env, u1))).containsExactly(deploymentA);
    assertThat(api.get("/api/v2/deployments/" + deploymentB, u1).status()).isEqualTo(404);
    String taskOnB = created("/deployment-tasks", restart(deploymentB));

    String credential = fixtures.deploymentCredential(deploymentA, u1).getString("created_token");

    Response listed = api.get("/api/v2/deployments?env_id=" + env, credential);
    assertThat(ids(listed)).containsExactly(deploymentA);
    assertThat(listed.json().getInteger("num_total")).isEqualTo(1);
    assertThat(listed.body()).doesNotContain("hunter2");
    assertThat(api.get("/api/v2/deployments/" + deploymentB, credential).status()).isEqualTo(404);
    assertThat(api.post("/api/v2/deployment-tasks", credential, restart(deploymentB)).status()).isEqualTo(404);
    assertThat(api.get("/api/v2/deployment-tasks?env_id=" + env, credential).json().getInteger("num_total")).isZero();
    assertThat(api.get("/api/v2/deployment-tasks/" + taskOnB, credential).status()).isEqualTo(404);
    assertThat(api.post("/api/v2/deployment-tasks", credential, restart(deploymentA)).status()).isEqualTo(201);
  }

  @Test
  void theReachFollowsTheMintersRolesAndAnEnvAdminsCredentialReachesTheWholeEnv() {
    String u1Id = ownerOfKindA("user_id", fixtures.user("U1"));
    String credential = fixtures.deploymentCredential(deploymentA, fixtures.userToken(u1Id)).getString("created_token");
    assertThat(api.get("/api/v2/deployments/" + deploymentB, credential).status()).isEqualTo(404);

    String maintainsB = fixtures.kindRole(env, kindB, "user_id", u1Id, "Maintainer");
    assertThat(api.get("/api/v2/deployments/" + deploymentB, credential).status()).isEqualTo(200);
    assertThat(api.delete("/api/v2/deployment-permissions/" + maintainsB, admin).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/deployments/" + deploymentB, credential).status())
        .as("still minted by an Owner of ka, it lives, but no longer sees kb").isEqualTo(404);
    assertThat(api.get("/api/v2/auth/me", credential).status()).isEqualTo(200);

    String adminId = fixtures.user("Env Admin");
    fixtures.envRole(env, "user_id", adminId, "Admin");
    String envWide = fixtures.deploymentCredential(deploymentA, fixtures.userToken(adminId)).getString("created_token");
    assertThat(ids(api.get("/api/v2/deployments?env_id=" + env, envWide))).containsExactlyInAnyOrder(deploymentA, deploymentB);
    assertThat(api.post("/api/v2/deployment-tasks", envWide, restart(deploymentB)).status()).isEqualTo(201);
    assertThat(api.get("/api/v2/deployment-permissions?env_id=" + env, envWide).json().getInteger("num_total"))
        .as("a deployment sees no grants, whoever minted it").isZero();
  }

  @Test
  void aCredentialDiesWhenItsMinterLosesTheGrantAndIsDeactivated() {
    String u1Id = fixtures.user("U1");
    String grant = fixtures.kindRole(env, kindA, "user_id", u1Id, "Owner");
    String u1 = fixtures.userToken(u1Id);
    String credential = used(fixtures.deploymentCredential(deploymentA, u1).getString("created_token"));

    assertThat(api.delete("/api/v2/deployment-permissions/" + grant, admin).status()).isEqualTo(204);
    assertDead(credential);
    assertThat(api.put("/api/v2/users/" + u1Id, admin, new JsonObject().put("is_active", false)).status()).isEqualTo(200);
    assertThat(api.get("/api/v2/auth/me", u1).status()).isEqualTo(401);
    assertDead(credential);
  }

  @Test
  void aCredentialDiesWhenItsMinterIsDeactivated() {
    String u1Id = ownerOfKindA("user_id", fixtures.user("U1"));
    String credential = used(fixtures.deploymentCredential(deploymentA, fixtures.userToken(u1Id)).getString("created_token"));
    assertThat(api.put("/api/v2/users/" + u1Id, admin, new JsonObject().put("is_active", false)).status()).isEqualTo(200);
    assertDead(credential);
  }

  @Test
  void aCredentialDiesWhenTheBotThatMintedItIsDeleted() {
    String botId = ownerOfKindA("bot_id", fixtures.bot("chart-bot-" + UUID.randomUUID()));
    String credential = used(fixtures.deploymentCredential(deploymentA, fixtures.botToken(botId)).getString("created_token"));
    assertThat(api.get("/api/v2/deployments/" + deploymentB, credential).status()).as("a bot lends no more than it holds")
        .isEqualTo(404);
    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
    assertDead(credential);
  }

  @Test
  void aCredentialDiesWhenItsMintersOwnerRoleIsLoweredToMaintainer() {
    String u1Id = fixtures.user("U1");
    String owner = fixtures.kindRole(env, kindA, "user_id", u1Id, "Owner");
    String credential = used(fixtures.deploymentCredential(deploymentA, fixtures.userToken(u1Id)).getString("created_token"));
    assertThat(api.delete("/api/v2/deployment-permissions/" + owner, admin).status()).isEqualTo(204);
    fixtures.kindRole(env, kindA, "user_id", u1Id, "Maintainer");
    assertDead(credential);
  }

  @Test
  void aCredentialDiesWhenItsMinterIsNoLongerEnvAdmin() {
    String botId = fixtures.bot("env-admin-bot-" + UUID.randomUUID());
    String grant = fixtures.envRole(env, botId, "Admin");
    String credential = used(fixtures.deploymentCredential(deploymentB, fixtures.botToken(botId)).getString("created_token"));
    assertThat(api.delete("/api/v2/env-user-permissions/" + grant, admin).status()).isEqualTo(204);
    assertDead(credential);
  }

  @Test
  void aSiteAdminsCredentialDiesWithTheirDemotionUnlessAnotherRoleStillLetsThemMint() {
    String demotedId = siteAdmin("Demoted");
    String demoted = used(fixtures.deploymentCredential(deploymentB, fixtures.userToken(demotedId)).getString("created_token"));
    String keeperId = siteAdmin("Keeper");
    fixtures.envRole(env, "user_id", keeperId, "Admin");
    String kept = used(fixtures.deploymentCredential(deploymentB, fixtures.userToken(keeperId)).getString("created_token"));

    assertThat(api.put("/api/v2/users/" + demotedId, admin, new JsonObject().put("is_admin", false)).status()).isEqualTo(200);
    assertThat(api.put("/api/v2/users/" + keeperId, admin, new JsonObject().put("is_admin", false)).status()).isEqualTo(200);
    assertDead(demoted);
    assertThat(api.post("/api/v2/deployment-tasks", kept, restart(deploymentA)).status())
        .as("still an env Admin, the minter may still mint it").isEqualTo(201);
  }

  /** Whatever a process's cache of grants says, the database mints nothing for someone who may not mint it. */
  @Test
  void theDatabaseRefusesACredentialItsMinterMayNotMint() {
    String maintainer = fixtures.user("Maintainer");
    fixtures.kindRole(env, kindA, "user_id", maintainer, "Maintainer");
    assertThatThrownBy(() -> TestDatabases.execute(PLATZ.platz().platform().database(), """
        INSERT INTO deployment_tokens (id, deployment_id, deployment_name, env_id, created_by_user_id, secret_hash, expires_at)
        VALUES (gen_random_uuid(), '%s', 'da', '%s', '%s', '\\x00', now() + interval '1 hour')"""
        .formatted(deploymentA, env, maintainer))).hasMessageContaining("you may not create credentials for this deployment");
  }

  @Test
  void whoeverMayMintACredentialMayRevokeItOnceAndTheRevocationIsAudited() {
    String u1 = fixtures.userToken(ownerOfKindA("user_id", fixtures.user("U1")));
    JsonObject minted = fixtures.deploymentCredential(deploymentA, admin);
    String credential = used(minted.getString("created_token"));
    String id = minted.getString("id");
    String other = fixtures.deploymentCredential(deploymentB, admin).getString("id");
    String path = "/api/v2/deployments/" + deploymentA + "/credentials/";

    assertThat(api.delete(path + other, u1).status()).as("another deployment's credential").isEqualTo(404);
    assertThat(api.delete(path + "not-a-uuid", u1).status()).isEqualTo(404);
    assertThat(api.delete("/api/v2/deployments/" + deploymentB + "/credentials/" + other, u1).status())
        .as("a deployment U1 cannot see").isEqualTo(404);
    assertThat(api.delete(path + id, credential).status()).as("a deployment cannot revoke credentials").isEqualTo(403);

    assertThat(api.delete(path + id, u1).status()).isEqualTo(204);
    assertDead(credential);
    assertThat(api.delete(path + id, u1).status()).as("revoking twice, as for user and bot tokens").isEqualTo(404);
    assertThat(TestDatabases.queryValue(PLATZ.platz().platform().database(), """
        SELECT count(*) FROM audit_events WHERE type = 'deployment_token.revoked' AND subject_id = '%s'
          AND env_id = '%s' AND data ->> 'deployment_id' = '%s'""".formatted(id, env, deploymentA))).isEqualTo("1");
  }

  private void assertDead(String credential) {
    assertThat(api.get("/api/v2/auth/me", credential).status()).isEqualTo(401);
    assertThat(api.get("/api/v2/deployments", credential).status()).isEqualTo(401);
    assertThat(api.post("/api/v2/deployment-tasks", credential, restart(deploymentA)).status()).isEqualTo(401);
  }

  /** Uses the credential once, so that it sits in the verification cache when it dies. */
  private static String used(String credential) {
    assertThat(api.get("/api/v2/auth/me", credential).status()).isEqualTo(200);
    return credential;
  }

  private String ownerOfKindA(String subjectField, String subject) {
    fixtures.kindRole(env, kindA, subjectField, subject, "Owner");
    return subject;
  }

  private static String siteAdmin(String name) {
    String id = fixtures.user(name);
    assertThat(api.put("/api/v2/users/" + id, admin, new JsonObject().put("is_admin", true)).status()).isEqualTo(200);
    return id;
  }

  private static JsonObject restart(String deployment) {
    return new JsonObject().put("deployment_id", deployment)
        .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart").put("body", new JsonObject())));
  }

  private static String kind(String name) {
    return created("/deployment-kinds", new JsonObject().put("name", name)
        .put("actions", new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer"))));
  }

  private static String created(String path, JsonObject body) {
    Response response = api.post("/api/v2" + path, admin, body);
    assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(201);
    return response.json().getString("id");
  }

  private static List<String> ids(Response list) {
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    return list.items().stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }
}
