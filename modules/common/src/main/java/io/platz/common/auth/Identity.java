package io.platz.common.auth;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Who is calling, as the auth module verified it: the kind and id of the subject, the credential used, whether
 * it is a site admin (users only), and the env of a deployment identity. This is what travels with every
 * command on the bus, so that permissions decide on it and audit records it.
 */
public record Identity(IdentityKind kind, UUID id, UUID tokenId, boolean siteAdmin, UUID envId, String name) {

  public boolean isUser() {
    return kind == IdentityKind.USER;
  }

  public boolean isBot() {
    return kind == IdentityKind.BOT;
  }

  public boolean isDeployment() {
    return kind == IdentityKind.DEPLOYMENT;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("kind", kind.jsonName())
        .put("id", id.toString())
        .put("token_id", tokenId == null ? null : tokenId.toString())
        .put("is_admin", siteAdmin)
        .put("env_id", envId == null ? null : envId.toString())
        .put("name", name);
  }

  public static Identity fromJson(JsonObject json) {
    return new Identity(
        IdentityKind.fromJson(json.getString("kind")),
        UUID.fromString(json.getString("id")),
        uuid(json.getString("token_id")),
        json.getBoolean("is_admin", false),
        uuid(json.getString("env_id")),
        json.getString("name"));
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }
}
