package io.platz.auth.credentials;

import io.platz.auth.identities.Bots;
import io.platz.auth.identities.Users;
import io.platz.common.auth.Identity;
import io.platz.common.auth.IdentityKind;
import io.platz.common.token.TokenKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads live credentials and their live subjects for verification: one indexed lookup by token ids, several at a
 * time when they are asked together (see {@link BatchedLookup}).
 */
public final class CredentialStore {

  private static final String USER_TOKEN = """
      SELECT t.id AS token_id, t.secret_hash, t.expires_at, t.last_used_at, %s
      FROM user_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.id = ANY($1) AND t.revoked_at IS NULL AND u.is_active""".formatted(Users.COLUMNS);
  private static final String BOT_TOKEN = """
      SELECT t.id AS token_id, t.secret_hash, t.expires_at, t.last_used_at, %s
      FROM bot_tokens t JOIN bots b ON b.id = t.bot_id
      WHERE t.id = ANY($1) AND t.revoked_at IS NULL AND b.deleted_at IS NULL""".formatted(Bots.COLUMNS);

  /** With its minter, who must still be live: what the credential may do is bounded by what the minter may do. */
  private static final String DEPLOYMENT_TOKEN = """
      SELECT t.id AS token_id, t.secret_hash, t.expires_at, t.last_used_at, t.deployment_id, t.deployment_name, t.env_id,
             coalesce(u.id, b.id) AS minter_id, coalesce(u.is_admin, false) AS minter_is_admin
      FROM deployment_tokens t
        LEFT JOIN users u ON u.id = t.created_by_user_id AND u.is_active
        LEFT JOIN bots b ON b.id = t.created_by_bot_id AND b.deleted_at IS NULL
      WHERE t.id = ANY($1) AND t.revoked_at IS NULL AND (u.id IS NOT NULL OR b.id IS NOT NULL)""";

  private final Pool pool;

  public CredentialStore(Pool pool) {
    this.pool = pool;
  }

  public static String table(TokenKind kind) {
    return switch (kind) {
      case USER -> "user_tokens";
      case BOT -> "bot_tokens";
      case DEPLOYMENT -> "deployment_tokens";
    };
  }

  /**
   * The credentials of {@code kind} among {@code tokenIds}, by token id; an id is missing when its token does not
   * exist, is revoked, or its subject is deactivated or deleted.
   */
  public Future<Map<UUID, CachedCredential>> load(TokenKind kind, List<UUID> tokenIds) {
    String query = switch (kind) {
      case USER -> USER_TOKEN;
      case BOT -> BOT_TOKEN;
      case DEPLOYMENT -> DEPLOYMENT_TOKEN;
    };
    return pool.preparedQuery(query).execute(Tuple.tuple().addArrayOfUUID(tokenIds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, CachedCredential> found = new HashMap<>();
      for (Row row : rows) {
        UUID tokenId = row.getUUID("token_id");
        found.put(tokenId, switch (kind) {
          case USER -> user(tokenId, row);
          case BOT -> bot(tokenId, row);
          case DEPLOYMENT -> deployment(tokenId, row);
        });
      }
      return found;
    });
  }

  private static CachedCredential user(UUID tokenId, Row row) {
    return credential(TokenKind.USER, row, Users.identity(row, tokenId), Users.toJson(row));
  }

  private static CachedCredential bot(UUID tokenId, Row row) {
    Identity identity = new Identity(IdentityKind.BOT, row.getUUID("id"), tokenId, false, null, row.getString("display_name"));
    return credential(TokenKind.BOT, row, identity, Bots.toJson(row));
  }

  /** A deployment acting on its env: {@code {"id", "name", "env_id"}} in {@code /auth/me}. */
  private static CachedCredential deployment(UUID tokenId, Row row) {
    Identity identity = new Identity(IdentityKind.DEPLOYMENT, row.getUUID("deployment_id"), tokenId, false,
        row.getUUID("env_id"), row.getString("deployment_name"),
        new Identity.Minter(row.getUUID("minter_id"), row.getBoolean("minter_is_admin")));
    JsonObject me = new JsonObject().put("id", identity.id().toString()).put("name", identity.name())
        .put("env_id", identity.envId().toString());
    return credential(TokenKind.DEPLOYMENT, row, identity, me);
  }

  private static CachedCredential credential(TokenKind kind, Row row, Identity identity, JsonObject me) {
    return new CachedCredential(kind, row.getBuffer("secret_hash").getBytes(), instant(row, "expires_at"),
        identity, me, instant(row, "last_used_at"));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
