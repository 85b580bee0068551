package io.platz.app;

import static io.platz.app.support.OpenApiContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.OpenApiContracts;
import io.platz.app.support.Response;
import io.platz.app.support.TestPlatform;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document describes what the server really answers: every operation is called for real and
 * its answer (status, content type, body) is validated by vertx-openapi against the document's schemas, so a
 * field that is renamed, dropped, or null where the document says it cannot be fails here.
 */
class OpenApiConformanceTest {

  private static TestPlatform platz;
  private static Api api;
  private static Vertx vertx;
  private static JsonObject document;
  private static ResponseValidator validator;
  private static final Set<String> answered = new TreeSet<>();

  @BeforeAll
  static void start() throws Exception {
    platz = TestPlatform.start();
    api = platz.api();
    Response served = api.get("/api/v2/openapi.json");
    assertThat(served.status()).isEqualTo(200);
    document = served.json();
    vertx = Vertx.vertx();
    validator = ResponseValidator.create(vertx, OpenApiContracts.of(vertx, document));
  }

  @AfterAll
  static void stop() throws Exception {
    platz.close();
    await(vertx.close());
  }

  @Test
  void everyOperationAnswersWhatTheDocumentSays() throws Exception {
    String admin = platz.adminToken();
    String soon = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    check("getServerInfo", api.get("/api/v2/server"));
    check("getOpenApiDocument", api.get("/api/v2/openapi.json"));
    check("authMe", api.get("/api/v2/auth/me", admin));

    String user = check("createUser", api.post("/api/v2/users", admin,
        new JsonObject().put("display_name", "Olga").put("email", "olga@example.org"))).json().getString("id");
    check("allUsers", api.get("/api/v2/users?is_active=true&per_page=10", admin));
    check("getUser", api.get("/api/v2/users/" + user, admin));
    check("updateUser", api.put("/api/v2/users/" + user, admin, new JsonObject().put("display_name", "Olga K.")));

    String userToken = check("createUserToken", api.post("/api/v2/user-tokens", admin,
        new JsonObject().put("user_id", user).put("expires_at", soon))).json().getString("id");
    check("allUserTokens", api.get("/api/v2/user-tokens?user_id=" + user, admin));
    check("getUserToken", api.get("/api/v2/user-tokens/" + userToken, admin));

    String bot = check("createBot", api.post("/api/v2/bots", admin,
        new JsonObject().put("display_name", "chart-bot").put("description", "deploys the chart"))).json().getString("id");
    check("allBots", api.get("/api/v2/bots", admin));
    check("getBot", api.get("/api/v2/bots/" + bot, admin));
    check("updateBot", api.put("/api/v2/bots/" + bot, admin, new JsonObject().putNull("description")));

    JsonObject botCredential = check("createBotToken", api.post("/api/v2/bot-tokens", admin,
        new JsonObject().put("bot_id", bot))).json();
    String botToken = botCredential.getString("created_token");
    check("allBotTokens", api.get("/api/v2/bot-tokens?bot_id=" + bot, admin));
    check("getBotToken", api.get("/api/v2/bot-tokens/" + botCredential.getString("id"), admin));
    check("authMe", api.get("/api/v2/auth/me", botToken));

    String env = check("createEnv", api.post("/api/v2/envs", admin, new JsonObject().put("name", "conformance")))
        .json().getString("id");
    check("allEnvs", api.get("/api/v2/envs", admin));
    check("getEnv", api.get("/api/v2/envs/" + env, admin));
    check("updateEnv", api.put("/api/v2/envs/" + env, admin, new JsonObject().put("auto_add_new_users", false)));

    String envRole = check("createEnvUserPermission", api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put("bot_id", bot).put("role", "User"))).json().getString("id");
    check("allEnvUserPermissions", api.get("/api/v2/env-user-permissions?env_id=" + env, admin));
    check("getEnvUserPermission", api.get("/api/v2/env-user-permissions/" + envRole, admin));

    JsonArray actions = new JsonArray().add(new JsonObject().put("id", "restart").put("allowed_role", "Maintainer"));
    String kind = check("createDeploymentKind", api.post("/api/v2/deployment-kinds", admin,
        new JsonObject().put("name", "Conformance").put("actions", actions))).json().getString("id");
    check("allDeploymentKinds", api.get("/api/v2/deployment-kinds", admin));
    check("getDeploymentKind", api.get("/api/v2/deployment-kinds/" + kind, admin));
    check("updateDeploymentKind", api.put("/api/v2/deployment-kinds/" + kind, admin,
        new JsonObject().put("actions", actions.copy().add(new JsonObject().put("id", "wipe").put("title", "Wipe")
            .put("allowed_role", "Owner")))));

    String kindRole = check("createDeploymentPermission", api.post("/api/v2/deployment-permissions", admin,
        new JsonObject().put("env_id", env).put("bot_id", bot).put("kind_id", kind).put("role", "Maintainer")))
        .json().getString("id");
    check("allDeploymentPermissions", api.get("/api/v2/deployment-permissions?kind_id=" + kind, admin));
    check("getDeploymentPermission", api.get("/api/v2/deployment-permissions/" + kindRole, admin));

    String deployment = check("createDeployment", api.post("/api/v2/deployments", admin, new JsonObject()
        .put("env_id", env).put("kind_id", kind).put("name", "web").put("config", new JsonObject().put("replicas", 2))))
        .json().getString("id");
    check("allDeployments", api.get("/api/v2/deployments?env_id=" + env, admin));
    check("getDeployment", api.get("/api/v2/deployments/" + deployment, admin));
    check("updateDeployment", api.put("/api/v2/deployments/" + deployment, admin,
        new JsonObject().put("description_md", "The *web* tier").put("status", "Running")));
    JsonObject deploymentCredential = check("createDeploymentCredentials",
        api.post("/api/v2/deployments/" + deployment + "/credentials", admin, new JsonObject())).json();
    String deploymentToken = deploymentCredential.getString("created_token");
    check("authMe", api.get("/api/v2/auth/me", deploymentToken));
    JsonArray checks = new JsonArray().add(new JsonObject().put("action", "users_read"))
        .add(new JsonObject().put("action", "deployments_update").put("deployment_id", deployment));
    check("checkAccess", api.post("/api/v2/auth/check", admin, new JsonObject().put("checks", checks)));
    check("checkAccess", api.post("/api/v2/auth/check", deploymentToken, new JsonObject().put("checks", checks)));

    String install = check("createDeploymentTask", api.post("/api/v2/deployment-tasks", admin, new JsonObject()
        .put("deployment_id", deployment).put("operation", new JsonObject().put("Install", new JsonObject()))))
        .json().getString("id");
    String invoke = check("createDeploymentTask", api.post("/api/v2/deployment-tasks", botToken, new JsonObject()
        .put("deployment_id", deployment).put("operation", new JsonObject().put("InvokeAction",
            new JsonObject().put("action_id", "restart").put("body", new JsonArray().add("now"))))))
        .json().getString("id");
    check("allDeploymentTasks", api.get("/api/v2/deployment-tasks?deployment_id=" + deployment, admin));
    check("getDeploymentTask", api.get("/api/v2/deployment-tasks/" + invoke, admin));
    check("advanceDeploymentTask", api.put("/api/v2/deployment-tasks/" + install, deploymentToken,
        new JsonObject().put("status", "Started")));
    check("cancelDeploymentTask", api.raw("DELETE", "/api/v2/deployment-tasks/" + invoke, admin,
        new JsonObject().put("reason", "not today").encode()));
    check("allDeploymentTasks", api.get("/api/v2/deployment-tasks?status=Canceled", admin));

    check("allAuditEvents", numberedEvents(admin));
    // the document can only say so in prose: vertx-openapi 5.0 knows no text/event-stream
    assertThat(check("streamAuditEvents", api.get("/api/v2/audit-events/stream?after_seq=0", admin)).header("content-type"))
        .startsWith("text/event-stream");

    check("deleteDeploymentPermission", api.delete("/api/v2/deployment-permissions/" + kindRole, admin));
    check("deleteEnvUserPermission", api.delete("/api/v2/env-user-permissions/" + envRole, admin));
    check("deleteDeploymentCredential", api.delete("/api/v2/deployments/" + deployment + "/credentials/"
        + deploymentCredential.getString("id"), admin));
    check("deleteDeployment", api.delete("/api/v2/deployments/" + deployment, admin));
    check("getDeployment", api.get("/api/v2/deployments/" + deployment, admin));
    check("deleteDeploymentKind", api.delete("/api/v2/deployment-kinds/" + kind, admin));
    check("deleteEnv", api.delete("/api/v2/envs/" + env, admin));
    check("deleteBotToken", api.delete("/api/v2/bot-tokens/" + botCredential.getString("id"), admin));
    check("deleteUserToken", api.delete("/api/v2/user-tokens/" + userToken, admin));
    check("deleteBot", api.delete("/api/v2/bots/" + bot, admin));
    check("getBot", api.get("/api/v2/bots/" + bot, admin));

    assertThat(answered).as("every operation answered its success status").containsAll(successes());
  }

  @Test
  void errorsAnswerTheErrorSchema() throws Exception {
    Fixtures fixtures = new Fixtures(platz);
    String admin = fixtures.adminToken();
    String botToken = fixtures.botToken(fixtures.bot("error-bot"));

    assertThat(check("allUsers", api.get("/api/v2/users")).status()).isEqualTo(401);
    assertThat(check("allUsers", api.get("/api/v2/users", botToken)).status()).isEqualTo(403);
    assertThat(check("allUsers", api.get("/api/v2/users?per_page=0", admin)).status()).isEqualTo(400);
    assertThat(check("getBot", api.get("/api/v2/bots/" + UUID.randomUUID(), admin)).status()).isEqualTo(404);
    assertThat(check("createBot", api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "error-bot")))
        .status()).isEqualTo(409);
    assertThat(check("createBot", api.raw("POST", "/api/v2/bots", admin, "{")).status()).isEqualTo(400);
    assertThat(check("checkAccess", api.post("/api/v2/auth/check", admin, new JsonObject().put("checks", new JsonArray())))
        .status()).isEqualTo(400);
  }

  /** Validates the answer against the document's operation; remembers that the operation answered its status. */
  private static Response check(String operationId, Response response) throws Exception {
    ValidatableResponse answer = response.body().isEmpty()
        ? ValidatableResponse.create(response.status())
        : ValidatableResponse.create(response.status(), Buffer.buffer(response.body()), response.header("content-type"));
    try {
      await(validator.validate(answer, operationId));
    } catch (ExecutionException e) {
      throw new AssertionError(operationId + " answered what the document does not say: " + e.getCause().getMessage()
          + "\n" + response, e.getCause());
    }
    if (response.status() >= 400 && response.status() < 413) {
      assertThat(operation(operationId).getJsonObject("responses").fieldNames())
          .as(operationId + " lists the error it answered").contains(String.valueOf(response.status()));
    }
    answered.add(operationId + " " + response.status());
    return response;
  }

  private static JsonObject operation(String operationId) {
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!method.equals("parameters") && operationId.equals(item.getJsonObject(method).getString("operationId"))) {
          return item.getJsonObject(method);
        }
      }
    }
    throw new AssertionError("no operation " + operationId);
  }

  /** Audit events are listed once numbered, moments after their transaction commits. */
  private static Response numberedEvents(String admin) {
    Response events = Eventually.read(() -> api.get("/api/v2/audit-events?order=desc&per_page=500", admin),
        answer -> !answer.json().getJsonArray("items").isEmpty());
    assertThat(events.json().getJsonArray("items")).isNotEmpty();
    return events;
  }

  /** "operationId status" of every operation's 2xx answer, as the document lists them. */
  private static Set<String> successes() {
    Set<String> successes = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!method.equals("parameters")) {
          JsonObject operation = item.getJsonObject(method);
          operation.getJsonObject("responses").fieldNames().stream().filter(status -> status.startsWith("2"))
              .forEach(status -> successes.add(operation.getString("operationId") + " " + status));
        }
      }
    }
    return successes;
  }
}
