package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.LogCapture;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's bots page, walked end to end over HTTP: create, issue, use, revoke, delete. */
class BotsPageTest {

  private static final String TOKEN_PATTERN = "pzb_[0-9A-Za-z]{71}";

  /** Attached before the server starts, so that its start-up is in it too. */
  private static final LogCapture LOGS = LogCapture.attach();

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

  @AfterAll
  static void stop() {
    LOGS.close();
  }

  @Test
  void createIssueUseRevokeDelete() {
    Response created = api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "ci-deploy-prod"));
    assertThat(created.status()).isEqualTo(201);
    JsonObject bot = created.json();
    String botId = bot.getString("id");
    assertThat(bot.fieldNames()).containsExactlyInAnyOrder("id", "created_at", "display_name", "description", "deleted_at");
    assertThat(bot.getString("display_name")).isEqualTo("ci-deploy-prod");
    assertThat(bot.getValue("deleted_at")).isNull();
    assertThat(api.get("/api/v2/bot-tokens?bot_id=" + botId, admin).json().getLong("num_total"))
        .as("a new bot has no tokens").isZero();

    Response firstIssued = api.post("/api/v2/bot-tokens", admin, new JsonObject().put("bot_id", botId));
    assertThat(firstIssued.status()).isEqualTo(201);
    assertThat(firstIssued.header("cache-control")).isEqualTo("no-store");
    assertThat(firstIssued.json().fieldNames()).containsExactlyInAnyOrder("id", "created_token");
    String first = fixtures.remember(firstIssued.json().getString("created_token"));
    String second = fixtures.botToken(botId);
    assertThat(first).matches(TOKEN_PATTERN);
    assertThat(second).matches(TOKEN_PATTERN).isNotEqualTo(first);

    for (String token : new String[] {first, second}) {
      Response me = api.get("/api/v2/auth/me", token);
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().getJsonObject("Bot").getString("id")).isEqualTo(botId);
    }

    Response tokens = api.get("/api/v2/bot-tokens?bot_id=" + botId, admin);
    assertThat(tokens.json().getLong("num_total")).isEqualTo(2);
    tokens.items().forEach(item -> assertThat(((JsonObject) item).fieldNames()).containsExactlyInAnyOrder(
        "id", "bot_id", "created_at", "created_by_user_id", "last_used_at", "expires_at"));
    assertThat(tokens.body()).doesNotContain(first).doesNotContain(second).doesNotContain(first.substring(26, 69));

    assertThat(api.delete("/api/v2/bot-tokens/" + firstIssued.json().getString("id"), admin).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/auth/me", first).status()).as("revoked: the very next request").isEqualTo(401);
    assertThat(api.get("/api/v2/auth/me", second).status()).as("the other token still works").isEqualTo(200);
    assertThat(api.get("/api/v2/bot-tokens?bot_id=" + botId, admin).json().getLong("num_total")).isEqualTo(1);

    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/auth/me", second).status()).as("deleting the bot kills every token").isEqualTo(401);
    assertThat(api.get("/api/v2/auth/me", first).status()).isEqualTo(401);

    Response retired = api.get("/api/v2/bots/" + botId, admin);
    assertThat(retired.status()).isEqualTo(200);
    assertThat(retired.json().getString("deleted_at")).isNotNull();
    assertThat(retired.json().getString("display_name")).isEqualTo("ci-deploy-prod");
    assertThat(api.get("/api/v2/bots?display_name=ci-deploy-prod", admin).json().getLong("num_total")).isZero();
    assertThat(api.get("/api/v2/bots?display_name=ci-deploy-prod&include_deleted=true", admin).json().getLong("num_total"))
        .isEqualTo(1);
  }

  @Test
  void aDeletedBotIsRetiredForGood() {
    String botId = fixtures.bot("retired-bot");
    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);

    assertThat(api.put("/api/v2/bots/" + botId, admin, new JsonObject().put("display_name", "revived")).status()).isEqualTo(409);
    assertThat(api.post("/api/v2/bot-tokens", admin, new JsonObject().put("bot_id", botId)).status()).isEqualTo(409);
    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(409);
    String successor = fixtures.bot("retired-bot");
    assertThat(successor).as("the name is free again, the id never is").isNotEqualTo(botId);
  }

  @Test
  void namesAreValidatedAndUniqueAmongLiveBots() {
    fixtures.bot("unique-bot");
    assertThat(api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "Unique-Bot")).status()).isEqualTo(409);
    for (String bad : new String[] {"", " padded", "tab\there", "x".repeat(101), "bidi\u202Eoverride"}) {
      Response refused = api.post("/api/v2/bots", admin, new JsonObject().put("display_name", bad));
      assertThat(refused.status()).as("name %s", bad).isEqualTo(400);
      assertThat(refused.json().getString("message")).contains("display_name");
    }
    assertThat(api.post("/api/v2/bots", admin, new JsonObject()).status()).isEqualTo(400);
    assertThat(api.post("/api/v2/bots", admin, new JsonObject().put("display_name", 42)).status()).isEqualTo(400);
    assertThat(api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "x".repeat(100))).status()).isEqualTo(201);
  }

  @Test
  void renameAndDescribe() {
    String botId = fixtures.bot("gitops-controller");
    Response renamed = api.put("/api/v2/bots/" + botId, admin,
        new JsonObject().put("display_name", "gitops-prod").put("description", "Argo CD in prod"));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().getString("display_name")).isEqualTo("gitops-prod");
    assertThat(renamed.json().getString("description")).isEqualTo("Argo CD in prod");

    String token = fixtures.botToken(botId);
    assertThat(api.get("/api/v2/auth/me", token).json().getJsonObject("Bot").getString("display_name")).isEqualTo("gitops-prod");
    api.put("/api/v2/bots/" + botId, admin, new JsonObject().put("display_name", "gitops-production"));
    assertThat(api.get("/api/v2/auth/me", token).json().getJsonObject("Bot").getString("display_name"))
        .as("what /auth/me answers follows a rename at once").isEqualTo("gitops-production");

    Response cleared = api.put("/api/v2/bots/" + botId, admin, new JsonObject().putNull("description"));
    assertThat(cleared.json().getValue("description")).isNull();
    assertThat(api.put("/api/v2/bots/00000000-0000-0000-0000-000000000000", admin, new JsonObject()).status()).isEqualTo(404);
  }

  @Test
  void aBotCannotReachAdminEndpoints() {
    String token = fixtures.botToken(fixtures.bot("curious-bot"));
    assertThat(api.post("/api/v2/bots", token, new JsonObject().put("display_name", "spawn")).status()).isEqualTo(403);
    assertThat(api.get("/api/v2/bots", token).status()).isEqualTo(403);
    assertThat(api.get("/api/v2/bot-tokens", token).status()).isEqualTo(403);
    assertThat(api.get("/api/v2/users", token).status()).isEqualTo(403);
    assertThat(api.post("/api/v2/users", token, new JsonObject().put("display_name", "x").put("email", "x@y.z")).status())
        .isEqualTo(403);
    assertThat(api.post("/api/v2/user-tokens", token, new JsonObject()).status()).isEqualTo(403);
    assertThat(api.get("/api/v2/auth/me", token).status()).isEqualTo(200);
  }

  @Test
  void everyCredentialProblemIsTheSame401() {
    String botId = fixtures.bot("doomed-bot");
    String revoked = fixtures.botToken(botId);
    String revokedId = api.get("/api/v2/bot-tokens?bot_id=" + botId, admin).items().getJsonObject(0).getString("id");
    api.delete("/api/v2/bot-tokens/" + revokedId, admin);
    String typo = revoked.substring(0, 30) + (revoked.charAt(30) == 'a' ? 'b' : 'a') + revoked.substring(31);
    String unknown = "pzb_" + "0".repeat(71);

    JsonObject expected = null;
    for (String token : new String[] {null, "", "junk", typo, unknown, revoked, admin + "x"}) {
      Response response = api.get("/api/v2/bots", token);
      assertThat(response.status()).as("token %s", token).isEqualTo(401);
      expected = expected == null ? response.json() : expected;
      assertThat(response.json()).isEqualTo(expected);
    }
  }

  @Test
  void xPlatzTokenWinsOverBearer() {
    String token = fixtures.botToken(fixtures.bot("bearer-bot"));
    Response viaBearer = api.send(api.request("/api/v2/auth/me", null).header("Authorization", "Bearer " + token).GET());
    assertThat(viaBearer.json().containsKey("Bot")).isTrue();
    Response both = api.send(api.request("/api/v2/auth/me", admin).header("Authorization", "Bearer " + token).GET());
    assertThat(both.json().containsKey("User")).as("x-platz-token is used when both are present").isTrue();
    Response badHeaderWins = api.send(api.request("/api/v2/auth/me", "junk").header("Authorization", "Bearer " + token).GET());
    assertThat(badHeaderWins.status()).isEqualTo(401);
  }

  @Test
  void noTokenEverAppearsInALogLine() {
    fixtures.botToken(fixtures.bot("log-bot"));
    api.get("/api/v2/bots", "pzb_" + "1".repeat(71));
    for (String token : fixtures.issuedTokens()) {
      assertThat(LOGS.lines()).noneMatch(line -> line.contains(token) || line.contains(token.substring(26, 69)));
    }
    assertThat(LOGS.lines()).isNotEmpty();
  }
}
