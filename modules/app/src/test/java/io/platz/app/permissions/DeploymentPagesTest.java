package io.platz.app.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The deployments list and the deployments' whereabouts are served from caches; this shows that nothing cached
 * outlives a change: one made through the same instance (seen by the very next request), one made through another
 * instance on the same database and one made by SQL by hand (both seen within a second, through NOTIFY), a deleted
 * deployment (no task, no credential), and a grant that changes what a bot sees.
 */
class DeploymentPagesTest {

  @Test
  void noCachedPageOutlivesAChangeWhereverItIsMade() {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    try (TestPlatform a = TestPlatform.start(config);
         TestPlatform b = TestPlatform.start(config.withHttpPort(Ports.free()))) {
      Fixtures fixtures = new Fixtures(a);
      String admin = fixtures.adminToken();
      Api api = a.api();
      String env = fixtures.env("pages");
      String kind = fixtures.kind("pages-kind");
      String list = "/api/v2/deployments?env_id=" + env + "&per_page=50";
      assertThat(names(api, list, admin)).isEmpty();
      assertThat(names(b.api(), list, admin)).isEmpty();

      String first = fixtures.deployment(env, kind, "first");
      assertThat(names(api, list, admin)).as("the same instance, the very next request").containsExactly("first");
      assertThat(eventually(b.api(), list, admin, names -> names.contains("first"))).as("the other instance")
          .containsExactly("first");

      api.put("/api/v2/deployments/" + first, admin, new JsonObject().put("name", "renamed"));
      assertThat(names(api, list, admin)).containsExactly("renamed");
      assertThat(eventually(b.api(), list, admin, names -> names.contains("renamed"))).containsExactly("renamed");

      TestDatabases.execute(a.platform().database(), "UPDATE deployments SET name = 'by-hand' WHERE id = '" + first + "'");
      assertThat(eventually(api, list, admin, names -> names.contains("by-hand"))).as("a change made in SQL")
          .containsExactly("by-hand");
      assertThat(eventually(b.api(), list, admin, names -> names.contains("by-hand"))).containsExactly("by-hand");

      JsonObject uninstall = new JsonObject().put("deployment_id", first)
          .put("operation", new JsonObject().put("Uninstall", new JsonObject()));
      assertThat(b.api().post("/api/v2/deployment-tasks", admin, uninstall).status()).as("b knows where it is")
          .isEqualTo(201);
      assertThat(api.delete("/api/v2/deployments/" + first, admin).status()).isEqualTo(204);
      assertThat(api.post("/api/v2/deployment-tasks", admin, uninstall).status()).as("deleted: the very next request")
          .isEqualTo(404);
      assertThat(b.api().post("/api/v2/deployment-tasks", admin, uninstall).status()).as("and on b").isEqualTo(404);
      assertThat(b.api().post("/api/v2/deployments/" + first + "/credentials", admin, new JsonObject()).status())
          .as("no credential for it, wherever asked").isEqualTo(404);
      // whatever a process's cache says of where a deployment is, the database mints nothing for a retired one
      assertThatThrownBy(() -> TestDatabases.execute(a.platform().database(), """
          INSERT INTO deployment_tokens (id, deployment_id, deployment_name, env_id, secret_hash, expires_at)
          VALUES (gen_random_uuid(), '%s', 'stale', '%s', '\\x00', now() + interval '1 hour')""".formatted(first, env)))
          .hasMessageContaining("deployment not found");
      assertThat(eventually(b.api(), list, admin, JsonArray::isEmpty)).isEmpty();
      String second = fixtures.deployment(env, kind, "second");

      String bot = fixtures.bot("pages-bot");
      String token = fixtures.botToken(bot);
      String everything = "/api/v2/deployments?per_page=50";
      assertThat(names(api, everything, token)).as("a bot without grants").isEmpty();
      String grant = fixtures.envRole(env, bot, "User");
      assertThat(names(api, everything, token)).as("granted: the very next request").containsExactly("second");
      assertThat(api.delete("/api/v2/env-user-permissions/" + grant, admin).status()).isEqualTo(204);
      assertThat(names(api, everything, token)).as("the grant removed").isEmpty();
    }
  }

  private static JsonArray names(Api api, String path, String token) {
    Response page = api.get(path, token);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    JsonArray names = new JsonArray();
    page.items().forEach(item -> names.add(((JsonObject) item).getString("name")));
    assertThat(page.json().getLong("num_total")).isEqualTo(names.size());
    return names;
  }

  private static JsonArray eventually(Api api, String path, String token, Predicate<JsonArray> seen) {
    return Eventually.read(() -> names(api, path, token), seen);
  }
}
