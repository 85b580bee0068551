package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The envs, kinds, deployments and people the console tests look at, made through the JSON API as a site admin:
 * prod (where Adam is Admin, Erin is User, Kim only Maintainer on api) and staging, which none of them sees; Olga
 * holds no role anywhere.
 */
final class ConsoleWorld {

  final TestPlatform platz;
  final Api api;
  final Fixtures fixtures;
  final String admin;
  final String prod;
  final String staging;
  final String apiKind;
  final String webKind;
  final String api1;
  final String web1;
  final String apiStaging;
  final String adamId;
  final String erinId;
  final String kimId;
  final String olgaId;
  final String adam;
  final String erin;
  final String kim;
  final String olga;

  ConsoleWorld(TestPlatform platz) {
    this.platz = platz;
    this.api = platz.api();
    this.fixtures = new Fixtures(platz);
    this.admin = fixtures.adminToken();
    prod = created("/envs", new JsonObject().put("name", "prod"));
    staging = created("/envs", new JsonObject().put("name", "staging"));
    apiKind = created("/deployment-kinds", new JsonObject().put("name", "api").put("actions", new JsonArray()
        .add(new JsonObject().put("id", "restart").put("title", "Restart").put("allowed_role", "Maintainer"))
        .add(new JsonObject().put("id", "rollback").put("title", "Roll back").put("allowed_role", "Owner"))));
    webKind = created("/deployment-kinds", new JsonObject().put("name", "web"));
    api1 = deployment(prod, apiKind, "api-1");
    web1 = deployment(prod, webKind, "web-1");
    apiStaging = deployment(staging, apiKind, "api-staging");
    adamId = fixtures.user("Adam Admin");
    erinId = fixtures.user("Erin User");
    kimId = fixtures.user("Kim Maintainer");
    olgaId = fixtures.user("Olga Outsider");
    envRole(prod, "user_id", adamId, "Admin");
    envRole(prod, "user_id", erinId, "User");
    kindRole(prod, apiKind, "user_id", kimId, "Maintainer");
    adam = fixtures.userToken(adamId);
    erin = fixtures.userToken(erinId);
    kim = fixtures.userToken(kimId);
    olga = fixtures.userToken(olgaId);
  }

  /** A browser of its own: one cookie jar, so one console session. */
  ConsoleClient browser() {
    return new ConsoleClient(platz.platform().config().httpPort());
  }

  /** A browser signed in with {@code token}, on the page the sign-in led to. */
  ConsoleClient signedIn(String token) {
    ConsoleClient browser = browser();
    assertThat(browser.signIn(token).status()).isEqualTo(200);
    return browser;
  }

  String created(String path, JsonObject body) {
    Response response = api.post("/api/v2" + path, admin, body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().getString("id");
  }

  String deployment(String env, String kind, String name) {
    return created("/deployments", new JsonObject().put("env_id", env).put("kind_id", kind).put("name", name));
  }

  String envRole(String env, String subjectField, String subject, String role) {
    return created("/env-user-permissions", new JsonObject().put("env_id", env).put(subjectField, subject).put("role", role));
  }

  String kindRole(String env, String kind, String subjectField, String subject, String role) {
    return created("/deployment-permissions", new JsonObject().put("env_id", env).put("kind_id", kind)
        .put(subjectField, subject).put("role", role));
  }

  /** A task invoking {@code restart} on a deployment, with {@code token}'s identity. */
  Response restart(String token, String deployment) {
    return restart(api, token, deployment);
  }

  /** The same, through another instance's API. */
  static Response restart(Api api, String token, String deployment) {
    return api.post("/api/v2/deployment-tasks", token, new JsonObject().put("deployment_id", deployment)
        .put("operation", new JsonObject().put("InvokeAction", new JsonObject().put("action_id", "restart").put("body", new JsonObject()))));
  }

  /** The console sessions the server holds, as its metrics say. */
  long sessionsHeld() {
    return api.get("/metrics").body().lines().filter(line -> line.startsWith("platz_console_sessions "))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
        .orElseThrow(() -> new AssertionError("no platz_console_sessions in /metrics"));
  }

  String deploymentCredential(String deployment) {
    Response response = api.post("/api/v2/deployments/" + deployment + "/credentials", admin, new JsonObject());
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return fixtures.remember(response.json().getString("created_token"));
  }
}
