package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.app.support.Api;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.platz.app.support.TestDatabases;
import io.platz.persistence.DatabaseSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who acted on a deployment, as the History view reads it: one acting column, set by the caller's kind. */
class DeploymentTasksTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static Fixtures fixtures;
  private static String admin;
  private static String env;
  private static String kind;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
    env = created("/envs", new JsonObject().put("name", "prod"));
    kind = created("/deployment-kinds", new JsonObject().put("name", "api").put("actions", new JsonArray()
        .add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer"))
        .add(new JsonObject().put("id", "poison").put("allowed_role", "Maintainer"))));
  }


  @Test
  void aUserABotAndADeploymentEachActAndTheRightColumnIsSet() {
    String target = deployment("target");
    Callers callers = callers("ci-deploy-prod");
    String userId = callers.userId();
    String botId = callers.botId();
    String caller = callers.deploymentId();
    String deploymentToken = callers.deployment();
    assertThat(deploymentToken).matches("pzd_[0-9A-Za-z]{71}");
    JsonObject me = api.get("/api/v2/auth/me", deploymentToken).json().getJsonObject("Deployment");
    assertThat(me.getString("id")).isEqualTo(caller);
    assertThat(me.getString("name")).startsWith("ci-deploy-prod-caller-");
    assertThat(me.getString("env_id")).isEqualTo(env);

    JsonObject byUser = restart(target, callers.user());
    JsonObject byBot = restart(target, callers.bot());
    JsonObject byDeployment = restart(target, deploymentToken);

    assertActors(byUser, userId, null, null);
    assertActors(byBot, null, botId, null);
    assertActors(byDeployment, null, null, caller);
    for (JsonObject task : List.of(byUser, byBot, byDeployment)) {
      assertThat(task.getString("status")).isEqualTo("Pending");
      assertThat(task.getString("deployment_id")).isEqualTo(target);
      assertThat(task.getString("env_id")).isEqualTo(env);
    }

    assertThat(history("deployment_id=" + target)).containsExactly(byDeployment.getString("id"), byBot.getString("id"), byUser.getString("id"));
    assertThat(history("acting_user_id=" + userId)).containsExactly(byUser.getString("id"));
    assertThat(history("acting_bot_id=" + botId)).containsExactly(byBot.getString("id"));
    assertThat(history("acting_deployment_id=" + caller)).containsExactly(byDeployment.getString("id"));
    assertThat(history("acting_bot_id=" + botId + "&status=Pending&env_id=" + env)).containsExactly(byBot.getString("id"));
    assertThat(history("acting_bot_id=" + botId + "&created_from=" + Instant.now().plusSeconds(60))).isEmpty();
    assertThat(history("acting_bot_id=" + botId + "&created_to=" + Instant.now().plusSeconds(60))).hasSize(1);
  }

  @Test
  void actorsLeavingChangeNoTaskAndStayNameable() {
    String target = deployment("survivor");
    String botId = fixtures.bot("short-lived-" + UUID.randomUUID());
    grant(new JsonObject().put("bot_id", botId).put("role", "Maintainer"));
    String userId = fixtures.user("Leaving User");
    grant(new JsonObject().put("user_id", userId).put("role", "Maintainer"));
    JsonObject byBot = restart(target, fixtures.botToken(botId));
    JsonObject byUser = restart(target, fixtures.userToken(userId));

    assertThat(api.delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
    api.put("/api/v2/users/" + userId, admin, new JsonObject().put("is_active", false));
    assertThat(api.delete("/api/v2/deployments/" + target, admin).status()).isEqualTo(204);

    assertThat(api.get("/api/v2/deployment-tasks/" + byBot.getString("id"), admin).json()).isEqualTo(byBot);
    assertThat(api.get("/api/v2/deployment-tasks/" + byUser.getString("id"), admin).json()).isEqualTo(byUser);
    assertThat(history("acting_bot_id=" + botId)).containsExactly(byBot.getString("id"));
    JsonObject bot = api.get("/api/v2/bots/" + botId, admin).json();
    assertThat(bot.getString("display_name")).startsWith("short-lived-");
    assertThat(bot.getString("deleted_at")).isNotNull();
    assertThat(api.get("/api/v2/users/" + userId, admin).json().getString("display_name")).isEqualTo("Leaving User");
    assertThat(api.get("/api/v2/deployments/" + target, admin).json().getString("name")).startsWith("survivor-");
  }

  @Test
  void aPendingTaskIsCanceledByItsCreatorAndStatusOnlyMovesForward() {
    String target = deployment("lifecycle");
    String userId = fixtures.user("Cancel Creator");
    grant(new JsonObject().put("user_id", userId).put("role", "Maintainer"));
    String user = fixtures.userToken(userId);
    JsonObject task = restart(target, user);

    Response canceled = api.raw("DELETE", "/api/v2/deployment-tasks/" + task.getString("id"), user, "{\"reason\": \"wrong button\"}");
    assertThat(canceled.status()).isEqualTo(200);
    assertThat(canceled.json().getString("status")).isEqualTo("Canceled");
    assertThat(canceled.json().getString("canceled_by_user_id")).isEqualTo(userId);
    assertThat(canceled.json().getString("reason")).isEqualTo("wrong button");
    assertThat(canceled.json().getString("finished_at")).isNotNull();
    assertThat(api.delete("/api/v2/deployment-tasks/" + task.getString("id"), user).status()).as("only Pending").isEqualTo(409);

    String worker = api.post("/api/v2/deployments/" + target + "/credentials", admin, new JsonObject()).json().getString("created_token");
    JsonObject next = restart(target, user);
    String path = "/api/v2/deployment-tasks/" + next.getString("id");
    assertThat(api.put(path, worker, new JsonObject().put("status", "Started")).json().getString("started_at")).isNotNull();
    assertThat(api.delete(path, user).status()).as("a started task is not canceled").isEqualTo(409);
    assertThat(api.put(path, worker, new JsonObject().put("status", "Done")).json().getString("status")).isEqualTo("Done");
    assertThat(api.put(path, worker, new JsonObject().put("status", "Started")).status()).isEqualTo(409);
    assertThat(api.put(path, worker, new JsonObject().put("status", "Canceled")).status()).isEqualTo(400);
  }

  @Test
  void operationsAreCheckedAndTheDatabaseKeepsOneActor() {
    String target = deployment("checked");
    for (String bad : List.of("{}", "{\"Install\": {}, \"Upgrade\": {}}", "{\"Recreate\": {}}", "{\"InvokeAction\": {}}",
        "{\"Reinstall\": {}}", "{\"Install\": 1}")) {
      Response response = api.post("/api/v2/deployment-tasks", admin,
          new JsonObject().put("deployment_id", target).put("operation", new JsonObject(bad)));
      assertThat(response.status()).as(bad).isEqualTo(400);
    }
    assertThat(api.post("/api/v2/deployment-tasks", admin, new JsonObject().put("deployment_id", UUID.randomUUID().toString())
        .put("operation", new JsonObject().put("Uninstall", new JsonObject()))).status()).isEqualTo(404);

    String task = restart(target, admin).getString("id");
    assertThatThrownBy(() -> TestDatabases.execute(PLATZ.platz().platform().database(),
        "UPDATE deployment_tasks SET acting_bot_id = acting_user_id WHERE id = '" + task + "'"))
        .hasMessageContaining("never edited");
    assertThatThrownBy(() -> TestDatabases.execute(PLATZ.platz().platform().database(),
        "DELETE FROM deployment_tasks WHERE id = '" + task + "'")).hasMessageContaining("never deleted");
    assertThatThrownBy(() -> TestDatabases.execute(PLATZ.platz().platform().database(), """
        INSERT INTO deployment_tasks (deployment_id, env_id, kind_id, operation)
        SELECT id, env_id, kind_id, '{"Uninstall": {}}' FROM deployments WHERE id = '%s'""".formatted(target)))
        .hasMessageContaining("deployment_tasks_one_actor");
  }

  @Test
  void aTaskAndItsEventCommitTogetherOrNotAtAll() {
    String target = deployment("audited");
    String botId = fixtures.bot("audited-" + UUID.randomUUID());
    grant(new JsonObject().put("bot_id", botId).put("role", "Maintainer"));
    String bot = fixtures.botToken(botId);
    String tokenId = api.get("/api/v2/bot-tokens?bot_id=" + botId, admin).items().getJsonObject(0).getString("id");

    String task = restart(target, bot).getString("id");
    AuditTrailProbe.settledSeq(database());
    Response events = api.get("/api/v2/audit-events?actor_id=" + botId, admin);
    assertThat(events.items()).hasSize(1);
    JsonObject event = events.items().getJsonObject(0);
    assertThat(event.getString("type")).isEqualTo("task.created");
    assertThat(event.getString("actor_type")).isEqualTo("Bot");
    assertThat(event.getString("token_id")).isEqualTo(tokenId);
    assertThat(event.getString("env_id")).isEqualTo(env);
    assertThat(event.getString("subject_type")).isEqualTo("DeploymentTask");
    assertThat(event.getString("subject_id")).isEqualTo(task);
    assertThat(event.getJsonObject("data")).as("never the action's body").isEqualTo(new JsonObject()
        .put("deployment_id", target).put("operation", "InvokeAction").put("action_id", "restart"));

    String counts = "SELECT (SELECT count(*) FROM deployment_tasks) || '/' || (SELECT count(*) FROM audit_events)";
    String before = TestDatabases.queryValue(database(), counts);
    TestDatabases.execute(database(), "ALTER TABLE audit_events ADD CONSTRAINT refuse_tasks CHECK (type <> 'task.created') NOT VALID");
    try {
      assertThat(api.post("/api/v2/deployment-tasks", bot, new JsonObject().put("deployment_id", target)
          .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart")))).status())
          .as("the event broke a check").isEqualTo(400);
    } finally {
      TestDatabases.execute(database(), "ALTER TABLE audit_events DROP CONSTRAINT refuse_tasks");
    }
    assertThat(api.post("/api/v2/deployment-tasks", bot, new JsonObject().put("deployment_id", UUID.randomUUID().toString())
        .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart")))).status())
        .isEqualTo(404);
    assertThat(TestDatabases.queryValue(database(), counts)).as("no task without its event").isEqualTo(before);
  }

  @Test
  void concurrentCallersEachGetTheirOwnTaskAndEvent() throws Exception {
    String first = deployment("busy");
    String second = deployment("busier");
    String gone = deployment("gone");
    Callers three = callers("busy");
    assertThat(api.delete("/api/v2/deployments/" + gone, admin).status()).isEqualTo(204);
    List<String[]> callers = List.of(new String[] {three.user(), three.userId(), null, null},
        new String[] {three.bot(), null, three.botId(), null}, new String[] {three.deployment(), null, null, three.deploymentId()});
    List<String> targets = List.of(first, second, gone);

    // enough at once that tasks of different callers and deployments share statements
    int requests = 90;
    ExecutorService threads = Executors.newFixedThreadPool(45);
    List<Future<Response>> responses = new ArrayList<>();
    try {
      heldBackTogether(() -> {
        for (int i = 0; i < requests; i++) {
          String token = callers.get(i % 3)[0];
          String target = targets.get(i / 3 % 3);
          responses.add(threads.submit(() -> api.post("/api/v2/deployment-tasks", token, invoke(target))));
        }
      });
      AuditTrailProbe.settledSeq(database());
      for (int i = 0; i < requests; i++) {
        String[] actor = callers.get(i % 3);
        String target = targets.get(i / 3 % 3);
        Response response = responses.get(i).get();
        if (target.equals(gone)) {
          assertThat(response.status()).as(response.body()).isEqualTo(404);
          continue;
        }
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonObject task = response.json();
        assertThat(task.getString("deployment_id")).isEqualTo(target);
        assertActors(task, actor[1], actor[2], actor[3]);
        String actorId = actor[1] != null ? actor[1] : actor[2] != null ? actor[2] : actor[3];
        assertThat(TestDatabases.queryValue(database(), "SELECT string_agg(actor_id || ' ' || (data->>'deployment_id'), ',') "
            + "FROM audit_events WHERE subject_id = '" + task.getString("id") + "'"))
            .as("one event, with this caller and deployment").isEqualTo(actorId + " " + target);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(TestDatabases.queryValue(database(), "SELECT count(*) FROM deployment_tasks WHERE deployment_id = '" + gone + "'"))
        .isEqualTo("0");
    // a statement's tasks share its transaction's now(): fewer distinct times than tasks means statements were shared
    assertThat(TestDatabases.queryValue(database(), "SELECT count(DISTINCT created_at) < count(*) FROM deployment_tasks "
        + "WHERE deployment_id IN ('" + first + "', '" + second + "')")).as("some tasks shared a statement").isEqualTo("t");
  }

  @Test
  void aTaskTheDatabaseRefusesFailsAloneThoughItSharedAStatement() throws Exception {
    String target = deployment("sharing");
    String bot = callers("sharing").bot();
    TestDatabases.execute(database(), "ALTER TABLE deployment_tasks ADD CONSTRAINT refuse_poison "
        + "CHECK (operation #>> '{InvokeAction,action_id}' IS DISTINCT FROM 'poison') NOT VALID");
    ExecutorService threads = Executors.newFixedThreadPool(40);
    try {
      List<Future<Response>> responses = new ArrayList<>();
      heldBackTogether(() -> {
        for (int i = 0; i < 80; i++) {
          String action = i % 10 == 0 ? "poison" : "restart";
          responses.add(threads.submit(() -> api.post("/api/v2/deployment-tasks", bot, invoke(target, action))));
        }
      });
      for (int i = 0; i < 80; i++) {
        Response response = responses.get(i).get();
        assertThat(response.status()).as("%d: %s", i, response.body()).isEqualTo(i % 10 == 0 ? 400 : 201);
      }
    } finally {
      threads.shutdownNow();
      TestDatabases.execute(database(), "ALTER TABLE deployment_tasks DROP CONSTRAINT refuse_poison");
    }
    assertThat(TestDatabases.queryValue(database(), "SELECT count(*) || ' ' || (count(DISTINCT created_at) < count(*)) "
        + "FROM deployment_tasks WHERE deployment_id = '" + target + "'")).as("72 written, some of them together")
        .isEqualTo("72 true");
  }

  /** The three kinds of caller, each with its token: a user and a bot, both Maintainer of the kind, and a deployment. */
  private record Callers(String userId, String user, String botId, String bot, String deploymentId, String deployment) {
  }

  private static Callers callers(String name) {
    String userId = fixtures.user(name + " user");
    grant(new JsonObject().put("user_id", userId).put("role", "Maintainer"));
    String botId = fixtures.bot(name + "-bot-" + UUID.randomUUID());
    grant(new JsonObject().put("bot_id", botId).put("role", "Maintainer"));
    String deploymentId = deployment(name + "-caller");
    String credential = api.post("/api/v2/deployments/" + deploymentId + "/credentials", admin, new JsonObject())
        .json().getString("created_token");
    return new Callers(userId, fixtures.userToken(userId), botId, fixtures.botToken(botId), deploymentId, credential);
  }

  private static void assertActors(JsonObject task, String user, String bot, String deployment) {
    assertThat(task.getString("acting_user_id")).isEqualTo(user);
    assertThat(task.getString("acting_bot_id")).isEqualTo(bot);
    assertThat(task.getString("acting_deployment_id")).isEqualTo(deployment);
  }

  private static JsonObject restart(String deployment, String token) {
    Response response = api.post("/api/v2/deployment-tasks", token, invoke(deployment));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }

  private static JsonObject invoke(String deployment) {
    return invoke(deployment, "restart");
  }

  private static JsonObject invoke(String deployment, String action) {
    return new JsonObject().put("deployment_id", deployment).put("operation", new JsonObject().put("InvokeAction",
        new JsonObject().put("action_id", action).put("body", new JsonObject().put("graceful", true))));
  }

  private static List<String> history(String query) {
    Response response = api.get("/api/v2/deployment-tasks?" + query, admin);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.items().stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  /**
   * Sends what {@code send} sends while the tasks table is locked, and lets go once the first statement waits on
   * it: the tasks that arrive meanwhile queue behind the statements in flight and go in shared ones. Without this,
   * sharing depended on how fast the requests came, and on a busy machine they sometimes came one by one.
   */
  private static void heldBackTogether(Runnable send) throws SQLException {
    DatabaseSettings settings = database();
    try (Connection lock = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
         Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("LOCK TABLE deployment_tasks IN SHARE ROW EXCLUSIVE MODE");
      send.run();
      Eventually.read(() -> TestDatabases.queryValue(settings, "SELECT count(*) FROM pg_stat_activity "
          + "WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO deployment_tasks%'"), waiting -> !waiting.equals("0"));
      lock.commit();
    }
  }

  private static DatabaseSettings database() {
    return PLATZ.platz().platform().database();
  }

  private static String deployment(String name) {
    return created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kind).put("name", name + "-" + UUID.randomUUID()));
  }

  private static void grant(JsonObject subjectAndRole) {
    created("/deployment-permissions", subjectAndRole.put("env_id", env).put("kind_id", kind));
  }

  private static String created(String path, JsonObject body) {
    Response response = api.post("/api/v2" + path, admin, body);
    assertThat(response.status()).as("%s %s", path, response.body()).isEqualTo(201);
    return response.json().getString("id");
  }
}
