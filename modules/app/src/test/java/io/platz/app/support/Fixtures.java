package io.platz.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Things a test needs to exist, made the way a person would make them: through the API, as a site admin. */
public final class Fixtures {

  private final Api api;
  private final String admin;
  private final List<String> issuedTokens = new ArrayList<>();

  public Fixtures(TestPlatform platz) {
    this.api = platz.api();
    this.admin = platz.adminToken();
    issuedTokens.add(admin);
  }

  public String adminToken() {
    return admin;
  }

  /** Every token this fixture or a test registered, for the scans that prove no token leaks. */
  public List<String> issuedTokens() {
    return List.copyOf(issuedTokens);
  }

  public String remember(String token) {
    issuedTokens.add(token);
    Evidence.token(token);
    return token;
  }

  public String bot(String name) {
    return created(api.post("/api/v2/bots", admin, new JsonObject().put("display_name", name))).getString("id");
  }

  public String botToken(String botId) {
    return remember(created(api.post("/api/v2/bot-tokens", admin, new JsonObject().put("bot_id", botId))).getString("created_token"));
  }

  public String env(String name) {
    return created(api.post("/api/v2/envs", admin, new JsonObject().put("name", name))).getString("id");
  }

  public String kind(String name) {
    return created(api.post("/api/v2/deployment-kinds", admin, new JsonObject().put("name", name))).getString("id");
  }

  public String deployment(String env, String kind, String name) {
    return created(api.post("/api/v2/deployments", admin,
        new JsonObject().put("env_id", env).put("kind_id", kind).put("name", name))).getString("id");
  }

  /** Grants a bot an env role; answers the grant's id. */
  public String envRole(String env, String botId, String role) {
    return envRole(env, "bot_id", botId, role);
  }

  /** Grants a user or bot ({@code subjectField} is {@code user_id} or {@code bot_id}) an env role; answers the grant's id. */
  public String envRole(String env, String subjectField, String subject, String role) {
    return created(api.post("/api/v2/env-user-permissions", admin,
        new JsonObject().put("env_id", env).put(subjectField, subject).put("role", role))).getString("id");
  }

  /** Grants a user or bot a role on a deployment kind in an env; answers the grant's id. */
  public String kindRole(String env, String kind, String subjectField, String subject, String role) {
    return created(api.post("/api/v2/deployment-permissions", admin, new JsonObject().put("env_id", env).put("kind_id", kind)
        .put(subjectField, subject).put("role", role))).getString("id");
  }

  /** A credential of the deployment minted by {@code minter}: {@code {"id", "created_token", "expires_at"}}. */
  public JsonObject deploymentCredential(String deployment, String minter) {
    JsonObject credential = created(api.post("/api/v2/deployments/" + deployment + "/credentials", minter, new JsonObject()));
    remember(credential.getString("created_token"));
    return credential;
  }

  public String user(String displayName) {
    String email = displayName.toLowerCase().replace(' ', '.') + "+" + UUID.randomUUID() + "@example.org";
    return created(api.post("/api/v2/users", admin, new JsonObject().put("display_name", displayName).put("email", email)))
        .getString("id");
  }

  public String userToken(String userId) {
    return remember(created(api.post("/api/v2/user-tokens", admin, new JsonObject().put("user_id", userId)))
        .getString("created_token"));
  }

  private static JsonObject created(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }
}
