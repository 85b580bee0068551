package io.platz.common.permissions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What a caller may see, as the permissions module decided it for a read: everything; or only what belongs to
 * one user (their own tokens); or what lies in some envs, wholly ({@code envIds}) or only for some deployment
 * kinds ({@code envKinds}). The owning module turns it into a SQL condition, so counts and pages stay right.
 */
public record Scope(boolean all, UUID userId, List<UUID> envIds, List<EnvKind> envKinds) {

  /** A deployment kind within an env. */
  public record EnvKind(UUID envId, UUID kindId) {
  }

  public static final Scope ALL = new Scope(true, null, List.of(), List.of());
  public static final Scope NONE = new Scope(false, null, List.of(), List.of());

  public static Scope ownedBy(UUID userId) {
    return new Scope(false, userId, List.of(), List.of());
  }

  public static Scope envs(List<UUID> envIds, List<EnvKind> envKinds) {
    return new Scope(false, null, List.copyOf(envIds), List.copyOf(envKinds));
  }

  /**
   * Whether a row that belongs to a whole env (or to none: {@code envId} null) is visible, as
   * {@code Where.scoped} with no kind column decides in SQL.
   */
  public boolean includesEnv(UUID envId) {
    return all || envId != null && envIds.contains(envId);
  }

  public JsonObject toJson() {
    JsonArray kinds = new JsonArray();
    envKinds.forEach(ek -> kinds.add(new JsonObject().put("env_id", ek.envId().toString()).put("kind_id", ek.kindId().toString())));
    return new JsonObject()
        .put("all", all)
        .put("user_id", userId == null ? null : userId.toString())
        .put("env_ids", new JsonArray(envIds.stream().map(UUID::toString).toList()))
        .put("env_kinds", kinds);
  }

  public static Scope fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("a read without a scope");
    }
    String user = json.getString("user_id");
    List<UUID> envs = json.getJsonArray("env_ids", new JsonArray()).stream().map(v -> UUID.fromString((String) v)).toList();
    List<EnvKind> kinds = json.getJsonArray("env_kinds", new JsonArray()).stream()
        .map(v -> (JsonObject) v)
        .map(ek -> new EnvKind(UUID.fromString(ek.getString("env_id")), UUID.fromString(ek.getString("kind_id"))))
        .toList();
    return new Scope(json.getBoolean("all", false), user == null ? null : UUID.fromString(user), envs, kinds);
  }
}
