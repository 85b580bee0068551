package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.platz.app.support.Api;
import io.platz.app.support.AuditConsumer;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.platz.app.support.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Audit events: one per change, in its transaction, numbered without gaps, chained, and published in order. */
class AuditTrailTest {

  private static final AuditConsumer CONSUMER = new AuditConsumer();
  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform(CONSUMER::subscribe);

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
  void everyChangeIsAnEventWithItsActorAndTheBusDeliversThemInOrder() {
    String botId = fixtures.bot("audited-" + UUID.randomUUID());
    String token = fixtures.botToken(botId);
    String tokenId = api.get("/api/v2/bot-tokens?bot_id=" + botId, admin).items().getJsonObject(0).getString("id");
    api.delete("/api/v2/bot-tokens/" + tokenId, admin);
    long last = AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    CONSUMER.awaitSeq(last);

    List<JsonObject> mine = events("actor_type=User").stream()
        .filter(event -> botId.equals(event.getString("subject_id")) || botId.equals(event.getJsonObject("data").getString("bot_id")))
        .toList();
    assertThat(mine).extracting(event -> event.getString("type"))
        .containsExactly("bot.created", "bot_token.created", "bot_token.revoked");
    JsonObject created = mine.get(0);
    assertThat(created.fieldNames()).containsExactlyInAnyOrder("seq", "id", "occurred_at", "type", "actor_type", "actor_id",
        "token_id", "env_id", "subject_type", "subject_id", "data", "hash");
    String adminId = api.get("/api/v2/auth/me", admin).json().getJsonObject("User").getString("id");
    assertThat(created.getString("actor_id")).isEqualTo(adminId);
    assertThat(created.getString("token_id")).as("which credential acted").isNotNull();
    assertThat(created.getString("hash")).matches("[0-9a-f]{64}");
    Instant committed = Instant.parse(CONSUMER.committedAt(created.getLong("seq")).orElseThrow());
    assertThat(committed).as("when the transaction committed, beside the event").isAfterOrEqualTo(
        Instant.parse(created.getString("occurred_at"))).isBeforeOrEqualTo(Instant.now());

    List<Long> seqs = CONSUMER.seqs();
    assertThat(seqs).as("published in seq order, none missing")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.get(seqs.size() - 1)).boxed().toList());
    assertThat(CONSUMER.received().stream().filter(event -> event.getString("id").equals(created.getString("id"))).findFirst())
        .hasValue(created);
    assertThat(String.valueOf(CONSUMER.received())).doesNotContain(token).doesNotContain(token.substring(26, 69));
  }

  @Test
  void aRejectedRequestWritesNoEvent() {
    long before = AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    String user = fixtures.userToken(fixtures.user("Nosy Parker"));
    long afterSetup = AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    assertThat(api.post("/api/v2/bots", user, new JsonObject().put("display_name", "sneaky")).status()).isEqualTo(403);
    assertThat(api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "")).status()).isEqualTo(400);
    assertThat(AuditTrailProbe.settledSeq(PLATZ.platz().platform().database())).isEqualTo(afterSetup).isGreaterThan(before);
  }

  @Test
  void envAdminsReadTheEventsOfTheirEnvsOnly() {
    String mine = created("/envs", new JsonObject().put("name", "mine-" + UUID.randomUUID()));
    String theirs = created("/envs", new JsonObject().put("name", "theirs-" + UUID.randomUUID()));
    String userId = fixtures.user("Env Admin Auditor");
    created("/env-user-permissions", new JsonObject().put("env_id", mine).put("user_id", userId).put("role", "Admin"));
    String envAdmin = fixtures.userToken(userId);
    AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());

    List<JsonObject> seen = events(envAdmin, "per_page=500");
    assertThat(seen).isNotEmpty().allSatisfy(event -> assertThat(event.getString("env_id")).isEqualTo(mine));
    assertThat(api.get("/api/v2/audit-events?env_id=" + theirs, envAdmin).status()).as("an env they cannot see").isEqualTo(404);
    assertThat(events(admin, "env_id=" + theirs)).extracting(event -> event.getString("type")).contains("env.created");
    assertThat(api.get("/api/v2/audit-events", fixtures.userToken(fixtures.user("Plain User"))).status()).isEqualTo(403);
  }

  /**
   * What a trigger does to another module's rows in the transaction of a change (a new user joins the envs that add
   * new users; a deleted bot loses its grants) is recorded by the system, with a MAC like any event: numbered.
   */
  @Test
  void whatATriggerDoesInTheSameTransactionIsAnEventOfTheSystem() {
    long from = AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    String open = created("/envs", new JsonObject().put("name", "open-" + UUID.randomUUID()).put("auto_add_new_users", true));
    String userId = fixtures.user("Joins Automatically");
    String botId = fixtures.bot("granted-then-deleted-" + UUID.randomUUID());
    fixtures.envRole(open, botId, "Admin");
    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
    AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());

    assertThat(events("actor_type=System&env_id=" + open + "&after_seq=" + from))
        .extracting(event -> event.getString("type"), event -> event.getJsonObject("data").getString("reason"),
            event -> event.getJsonObject("data").getString(event.getJsonObject("data").containsKey("user_id") ? "user_id" : "bot_id"))
        .containsExactly(tuple("env_role.granted", "env adds new users automatically", userId),
            tuple("env_role.removed", "bot deleted", botId));
    assertThat(TestDatabases.queryValue(PLATZ.platz().platform().database(), "SELECT count(*) FROM audit_consequences"))
        .as("nothing left behind").isEqualTo("0");
  }

  @Test
  void filtersAndCursor() {
    long from = AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    String botId = fixtures.bot("cursor-" + UUID.randomUUID());
    AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    List<JsonObject> after = events("after_seq=" + from);
    assertThat(after).extracting(event -> event.getString("type")).containsExactly("bot.created");
    assertThat(after.get(0).getString("subject_id")).isEqualTo(botId);
    assertThat(events("type=bot.created&after_seq=" + from)).hasSize(1);
    assertThat(events("type=user.created&after_seq=" + from)).isEmpty();
    assertThat(events("actor_type=System&per_page=500")).extracting(event -> event.getString("type"))
        .as("the first admin was created by the system").contains("user.created", "user_token.created");
    assertThat(api.get("/api/v2/audit-events?actor_type=Robot", admin).status()).isEqualTo(400);
    assertThat(api.get("/api/v2/audit-events?after_seq=x", admin).status()).isEqualTo(400);
  }

  @Test
  void eightConcurrentWritersLeaveSeqGapFreeAndTheChainIntact() throws Exception {
    String env = created("/envs", new JsonObject().put("name", "busy-" + UUID.randomUUID()));
    String kind = created("/deployment-kinds", new JsonObject().put("name", "busy-" + UUID.randomUUID()).put("actions",
        new JsonArray().add(new JsonObject().put("id", "poke").put("allowed_role", "Maintainer"))));
    String deployment = created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "busy"));
    ExecutorService writers = Executors.newFixedThreadPool(8);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      int n = i;
      statuses.add(writers.submit(() -> n % 4 == 0
          ? api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "writer-" + n + "-" + UUID.randomUUID())).status()
          : api.post("/api/v2/deployment-tasks", admin, new JsonObject().put("deployment_id", deployment)
              .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "poke").put("body", n))))
              .status()));
    }
    for (Future<Integer> status : statuses) {
      assertThat(status.get()).isEqualTo(201);
    }
    writers.shutdown();

    long last = AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    assertThat(TestDatabases.queryValue(PLATZ.platz().platform().database(), "SELECT count(*) FROM audit_events")).isEqualTo(String.valueOf(last));
    assertThat(TestDatabases.queryValue(PLATZ.platz().platform().database(), "SELECT count(DISTINCT seq) FROM audit_links"))
        .isEqualTo(String.valueOf(last));
    var verified = AuditTrailProbe.verify(PLATZ.platz().platform().database(), PLATZ.platz().platform().config().dataDir());
    assertThat(verified.problems()).isEmpty();
    assertThat(verified.events()).isEqualTo(last);
    CONSUMER.awaitSeq(last);
    List<Long> seqs = CONSUMER.seqs();
    assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.get(seqs.size() - 1)).boxed().toList());
  }

  private static List<JsonObject> events(String query) {
    return events(admin, query);
  }

  private static List<JsonObject> events(String token, String query) {
    Response response = api.get("/api/v2/audit-events?" + query, token);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.items().stream().map(item -> (JsonObject) item).toList();
  }

  private static String created(String path, JsonObject body) {
    Response response = api.post("/api/v2" + path, admin, body);
    assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(201);
    return response.json().getString("id");
  }
}
