package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A few writes must not make every later read huge: a deployment's config and a task's operation are bounded (64 KiB
 * by default, as UTF-8 JSON), the audit trail records which config keys changed and keyed digests, never values or
 * whole configs, and pages of deployments, tasks and audit events are bounded in bytes as well as in items.
 */
class BoundedWorkTest {

  private static final int LIMIT = 65_536;
  /** 16 MiB over (64 KiB of config or operation + 96 KiB for the rest of an item). */
  private static final int FULL_ITEMS_PER_PAGE = 102;

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static String admin;
  private static String env;
  private static String kind;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    admin = PLATZ.admin();
    env = PLATZ.fixtures().env("bounded");
    kind = created("/deployment-kinds", new JsonObject().put("name", "chart").put("actions", new JsonArray()
        .add(new JsonObject().put("id", "run").put("allowed_role", "Maintainer"))));
  }

  @Test
  void aConfigOrAnOperationOverTheLimitIsRefusedNamingTheFieldAndTheLimit() {
    Response tooBig = api.post("/api/v2/deployments", admin, deployment("too-big").put("config", blob(LIMIT + 1)));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.json().getString("message")).isEqualTo("'config' must be at most 65536 bytes of JSON");
    String id = created("/api/v2/deployments", deployment("just-fits").put("config", blob(LIMIT)));
    Response grown = api.put("/api/v2/deployments/" + id, admin, new JsonObject().put("config", blob(LIMIT + 1)));
    assertThat(grown.status()).isEqualTo(413);
    assertThat(grown.json().getString("message")).contains("'config'").contains("65536 bytes");
    assertThat(api.get("/api/v2/deployments/" + id, admin).json().getJsonObject("config")).isEqualTo(blob(LIMIT));

    // the attack: eight tasks with a body of 1 MB each made one list page of 8 MB
    for (int i = 0; i < 8; i++) {
      Response invoked = api.post("/api/v2/deployment-tasks", admin, task(id,
          new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "run").put("body", blob(1_000_000)))));
      assertThat(invoked.status()).isEqualTo(413);
      assertThat(invoked.json().getString("message")).isEqualTo("'operation.InvokeAction' must be at most 65536 bytes of JSON");
    }
    Response install = api.post("/api/v2/deployment-tasks", admin,
        task(id, new JsonObject().put("Install", new JsonObject().put("config_inputs", blob(LIMIT + 1)))));
    assertThat(install.status()).isEqualTo(413);
    assertThat(install.json().getString("message")).contains("'operation.Install'");
    assertThat(api.post("/api/v2/deployment-tasks", admin, task(id, new JsonObject().put("InvokeAction",
        new JsonObject().put("action_id", "run").put("body", blob(LIMIT - 100))))).status()).isEqualTo(201);
    assertThat(api.get("/api/v2/deployment-tasks?deployment_id=" + id, admin).json().getLong("num_total"))
        .as("only the task within the limit was written").isEqualTo(1);
  }

  @Test
  void aConfigChangeIsAuditedByItsKeysAndDigestsNeverByItsValues() {
    String secret = "hunter2-" + UUID.randomUUID();
    String otherSecret = "hunter3-" + UUID.randomUUID();
    JsonObject original = new JsonObject().put("db_password", secret).put("replicas", 2).put("blob", "x".repeat(60_000));
    JsonObject changed = new JsonObject().put("db_password", otherSecret).put("replicas", 2).put("blob", "y".repeat(60_000))
        .put("region", "eu");
    String id = created("/api/v2/deployments", deployment("audited").put("config", original));
    assertThat(api.put("/api/v2/deployments/" + id, admin, new JsonObject().put("config", changed)).status()).isEqualTo(200);
    assertThat(api.put("/api/v2/deployments/" + id, admin, new JsonObject().put("config", original)
        .put("description_md", "d".repeat(20_000))).status()).isEqualTo(200);

    Response listed = auditEvents("env_id=" + env + "&per_page=500");
    assertThat(listed.body()).doesNotContain(secret).doesNotContain(otherSecret).doesNotContain("x".repeat(100))
        .doesNotContain("d".repeat(100));
    List<JsonObject> events = listed.items().stream().map(item -> (JsonObject) item)
        .filter(event -> id.equals(event.getString("subject_id"))).toList();
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("deployment.created", "deployment.updated", "deployment.updated");
    // the attack: one deployment.updated came back at 2,000,546 bytes, holding both whole configs
    assertThat(events).allSatisfy(event -> assertThat(event.encode().length()).isLessThan(2_000));

    JsonObject created = events.get(0).getJsonObject("data").getJsonObject("config");
    assertThat(created.getJsonArray("added")).containsExactly("blob", "db_password", "replicas");
    String originalDigest = created.getJsonArray("digests").getString(1);
    assertThat(created.getJsonArray("digests").getValue(0)).isNull();
    assertThat(originalDigest).matches("[A-Za-z0-9_-]{22}");

    JsonObject first = events.get(1).getJsonObject("data").getJsonObject("changes").getJsonObject("config");
    assertThat(first.getJsonArray("added")).containsExactly("region");
    assertThat(first.getJsonArray("removed")).isEmpty();
    assertThat(first.getJsonArray("changed")).containsExactly("blob", "db_password");
    assertThat(first.getInteger("omitted")).isZero();
    assertThat(first.getJsonArray("digests").getString(0)).isEqualTo(originalDigest);
    String changedDigest = first.getJsonArray("digests").getString(1);
    assertThat(changedDigest).isNotEqualTo(originalDigest);

    JsonObject back = events.get(2).getJsonObject("data").getJsonObject("changes");
    assertThat(back.getJsonObject("config").getJsonArray("removed")).containsExactly("region");
    assertThat(back.getJsonObject("config").getJsonArray("digests").getList())
        .as("a reader sees the config come back to the first one").containsExactly(changedDigest, originalDigest);
    assertThat(back.getJsonObject("description_md").getJsonArray("lengths").getList()).containsExactly(null, 20_000);
  }

  @Test
  void aConfigWithManyKeysIsAuditedByABoundedNumberOfNames() {
    JsonObject many = new JsonObject();
    IntStream.range(0, 1_500).forEach(i -> many.put("key-" + i + "-" + "k".repeat(20), i));
    String id = created("/api/v2/deployments", deployment("many-keys").put("config", many));
    JsonObject data = events(id).get(0).getJsonObject("data").getJsonObject("config");
    assertThat(data.getJsonArray("added")).hasSize(50);
    assertThat(data.getInteger("omitted")).isEqualTo(1_450);
  }

  @Test
  void pagesOfDeploymentsTasksAndEventsAreBoundedInBytes() {
    for (String list : List.of("/api/v2/deployments", "/api/v2/deployment-tasks")) {
      Response tooLong = api.get(list + "?per_page=" + (FULL_ITEMS_PER_PAGE + 1), admin);
      assertThat(tooLong.status()).as(list).isEqualTo(400);
      assertThat(tooLong.json().getString("message")).isEqualTo("'per_page' must be between 1 and " + FULL_ITEMS_PER_PAGE);
      assertThat(api.get(list + "?per_page=" + FULL_ITEMS_PER_PAGE, admin).status()).isEqualTo(200);
      assertThat(api.get(list, admin).json().getInteger("per_page")).isEqualTo(50);
    }
    created("/api/v2/deployments", deployment("simple").put("config", blob(1_000)).put("description_md", "about it"));
    Response simple = api.get("/api/v2/deployments?simple=true&per_page=500&env_id=" + env, admin);
    assertThat(simple.status()).isEqualTo(200);
    JsonObject item = simple.items().stream().map(each -> (JsonObject) each)
        .filter(each -> "simple".equals(each.getString("name"))).findFirst().orElseThrow();
    assertThat(item.fieldNames()).containsExactlyInAnyOrder("id", "created_at", "name", "env_id", "kind_id", "enabled",
        "status", "deleted_at");
    assertThat(api.get("/api/v2/audit-events?per_page=500", admin).status())
        .as("events are small by construction: a page of 500 stays under 16 MiB").isEqualTo(200);
  }

  @Test
  void aCancelReasonIsCutShortInTheAuditAndAKindHoldsAtMost64Actions() {
    String id = created("/api/v2/deployments", deployment("canceled"));
    String task = created("/api/v2/deployment-tasks", task(id, new JsonObject().put("Uninstall", new JsonObject())));
    String reason = "r".repeat(20_000);
    Response canceled = api.raw("DELETE", "/api/v2/deployment-tasks/" + task, admin,
        new JsonObject().put("reason", reason).encode());
    assertThat(canceled.status()).isEqualTo(200);
    assertThat(canceled.json().getString("reason")).as("the task keeps all of it").isEqualTo(reason);
    JsonObject event = auditEvents("type=task.canceled&env_id=" + env).items().getJsonObject(0);
    assertThat(event.getJsonObject("data").getString("reason")).hasSize(2_001).endsWith("…");

    JsonArray actions = new JsonArray();
    IntStream.range(0, 65).forEach(i -> actions.add(new JsonObject().put("id", "a" + i).put("allowed_role", "Owner")));
    Response tooMany = api.post("/api/v2/deployment-kinds", admin, new JsonObject().put("name", "busy").put("actions", actions));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().getString("message")).isEqualTo("'actions' must hold at most 64 actions");
  }

  private static List<JsonObject> events(String subject) {
    return auditEvents("env_id=" + env + "&per_page=500").items().stream()
        .map(item -> (JsonObject) item).filter(event -> subject.equals(event.getString("subject_id"))).toList();
  }

  /** Once every event committed so far has its seq: the list shows numbered events only. */
  private static Response auditEvents(String query) {
    AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
    Response events = api.get("/api/v2/audit-events?" + query, admin);
    assertThat(events.status()).as(events.body()).isEqualTo(200);
    return events;
  }

  /** A config whose JSON is exactly {@code bytes} long. */
  private static JsonObject blob(int bytes) {
    return new JsonObject().put("blob", "b".repeat(bytes - "{\"blob\":\"\"}".length()));
  }

  private static JsonObject deployment(String name) {
    return new JsonObject().put("env_id", env).put("kind_id", kind).put("name", name);
  }

  private static JsonObject task(String deployment, JsonObject operation) {
    return new JsonObject().put("deployment_id", deployment).put("operation", operation);
  }

  private static String created(String path, JsonObject body) {
    Response response = api.post(path.startsWith("/api") ? path : "/api/v2" + path, admin, body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().getString("id");
  }
}
