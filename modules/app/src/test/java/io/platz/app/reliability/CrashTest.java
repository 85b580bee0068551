package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.EmbeddedServerFiles;
import io.platz.app.support.Eventually;
import io.platz.app.support.PlatzProcess;
import io.platz.app.support.Response;
import io.platz.app.support.TestDatabases;
import io.platz.persistence.DatabaseSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a write load. After a restart every task whose creation was answered exists
 * with its audit event, published; nothing half-written is visible; seq goes on without a gap; the chain is intact.
 */
class CrashTest {

  private static final Duration START = Duration.ofSeconds(90);

  @TempDir
  Path dataDir;

  @Test
  void onTheEmbeddedDatabase() throws Exception {
    Map<String, String> env = Map.of("PLATZ_DATA_DIR", dataDir.toString());
    crashAndCheck(env, platz -> EmbeddedServerFiles.settings(dataDir));
  }

  @Test
  void onAnExternalDatabase() throws Exception {
    String url = TestDatabases.freshDatabaseUrl();
    Map<String, String> env = Map.of("PLATZ_DATA_DIR", dataDir.toString(), "PLATZ_DATABASE_URL", url);
    crashAndCheck(env, platz -> DatabaseSettings.fromUrl(url));
  }

  private void crashAndCheck(Map<String, String> env, Function<PlatzProcess, DatabaseSettings> database) throws Exception {
    Set<String> answered = ConcurrentHashMap.newKeySet();
    try (PlatzProcess platz = PlatzProcess.start(env).awaitReady(START)) {
      Api api = platz.api();
      String admin = Files.readString(dataDir.resolve("initial-admin-token")).trim();
      String deployment = seed(api, admin);
      AtomicBoolean loading = new AtomicBoolean(true);
      ExecutorService load = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 8; i++) {
        load.submit(() -> {
          while (loading.get()) {
            try {
              Response response = api.post("/api/v2/deployment-tasks", admin, new JsonObject().put("deployment_id", deployment)
                  .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart").put("body", 1))));
              if (response.status() == 201) {
                answered.add(response.json().getString("id"));
              }
            } catch (RuntimeException connectionGone) {
              // the process was killed under this request: it may or may not have committed
            }
          }
          return null;
        });
      }
      // killed under load once enough has been answered, however long a busy machine takes to answer that much
      Eventually.read(answered::size, count -> count > 20);
      platz.sigkill();
      loading.set(false);
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(answered).hasSizeGreaterThan(20);

    try (PlatzProcess platz = PlatzProcess.start(env).awaitReady(START)) {
      DatabaseSettings settings = database.apply(platz);
      long last = AuditTrailProbe.settledSeq(settings);
      Map<String, String> counts = new HashMap<>();
      for (String query : new String[] {
          "SELECT count(*) FROM deployment_tasks",
          "SELECT count(*) FROM audit_events WHERE type = 'task.created'",
          "SELECT count(*) FROM deployment_tasks t WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.subject_id = t.id)",
          "SELECT count(*) FROM audit_events e WHERE e.type = 'task.created' AND NOT EXISTS (SELECT 1 FROM deployment_tasks t WHERE t.id = e.subject_id)",
          "SELECT count(*) FROM audit_events", "SELECT max(seq) FROM audit_links", "SELECT published_seq FROM audit_chain"}) {
        counts.put(query, TestDatabases.queryValue(settings, query));
      }
      System.out.printf("after kill -9: %d task creations answered 201, %s tasks and %s task.created events found,"
              + " %s events with seq 1..%s%n", answered.size(), counts.get("SELECT count(*) FROM deployment_tasks"),
          counts.get("SELECT count(*) FROM audit_events WHERE type = 'task.created'"), counts.get("SELECT count(*) FROM audit_events"),
          counts.get("SELECT max(seq) FROM audit_links"));
      for (String task : answered) {
        assertThat(TestDatabases.queryValue(settings, "SELECT count(*) FROM audit_events WHERE subject_id = '" + task + "'"))
            .as("the committed task %s has its event", task).isEqualTo("1");
      }
      assertThat(counts.get("SELECT count(*) FROM deployment_tasks t WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.subject_id = t.id)"))
          .as("no task without its event").isEqualTo("0");
      assertThat(counts.get("SELECT count(*) FROM audit_events e WHERE e.type = 'task.created' AND NOT EXISTS (SELECT 1 FROM deployment_tasks t WHERE t.id = e.subject_id)"))
          .as("no event without its task").isEqualTo("0");
      assertThat(counts.get("SELECT count(*) FROM audit_events")).as("seq without gaps").isEqualTo(String.valueOf(last));
      assertThat(counts.get("SELECT max(seq) FROM audit_links")).isEqualTo(String.valueOf(last));
      awaitPublished(settings, last);
      assertThat(AuditTrailProbe.verify(settings, dataDir).problems()).isEmpty();
    }
  }

  private static void awaitPublished(DatabaseSettings settings, long last) {
    String published = Eventually.read(() -> TestDatabases.queryValue(settings, "SELECT published_seq FROM audit_chain"),
        String.valueOf(last)::equals);
    assertThat(published).as("all published").isEqualTo(String.valueOf(last));
  }

  private static String seed(Api api, String admin) {
    String env = api.post("/api/v2/envs", admin, new JsonObject().put("name", "crash")).json().getString("id");
    String kind = api.post("/api/v2/deployment-kinds", admin, new JsonObject().put("name", "crash").put("actions",
        new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer")))).json().getString("id");
    return api.post("/api/v2/deployments", admin, new JsonObject().put("env_id", env).put("kind_id", kind).put("name", "victim"))
        .json().getString("id");
  }
}
