package io.platz.common.auth;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Who is calling, as the auth module verified it: the kind and id of the subject, the credential used, whether
 * it is a site admin (users only), and the env of a deployment identity with who minted its credential. This is
 * what travels with every command on the bus, so that permissions decide on it and audit records it.
 */
public record Identity(IdentityKind kind, UUID id, UUID tokenId, boolean siteAdmin, UUID envId, String name, Minter minter) {

  /** The user or bot that minted a deployment credential; whether it is a site admin decides the credential's reach. */
  public record Minter(UUID id, boolean siteAdmin) {
  }

  /** A user or bot: nobody minted its credential. */
  public Identity(IdentityKind kind, UUID id, UUID tokenId, boolean siteAdmin, UUID envId, String name) {
    this(kind, id, tokenId, siteAdmin, envId, name, null);
  }

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
        .put("name", name)
        .put("minted_by", minter == null ? null
            : new JsonObject().put("id", minter.id().toString()).put("is_admin", minter.siteAdmin()));
  }

  public static Identity fromJson(JsonObject json) {
    JsonObject minter = json.getJsonObject("minted_by");
    return new Identity(
        IdentityKind.fromJson(json.getString("kind")),
        UUID.fromString(json.getString("id")),
        uuid(json.getString("token_id")),
        json.getBoolean("is_admin", false),
        uuid(json.getString("env_id")),
        json.getString("name"),
        minter == null ? null : new Minter(UUID.fromString(minter.getString("id")), minter.getBoolean("is_admin")));
  }

  private static UUID uuid(String value) {
    return value == null ? null : UUID.fromString(value);
  }
}
