package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.auth.credentials.TokenHasher;
import io.platz.common.auth.Identity;
import io.platz.common.bus.Command;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Scope;
import io.platz.common.token.IssuedToken;
import io.platz.common.token.TokenFormat;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.Columns;
import io.platz.persistence.sql.NamedParameters;
import io.platz.persistence.sql.PageRequest;
import io.platz.persistence.sql.Pages;
import io.platz.persistence.sql.Rows;
import io.platz.persistence.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * API tokens of users or bots: many per identity, shown once when created, stored as a keyed hash, revoked one
 * by one. Lists never show the secret or its hash, and never revoked tokens.
 */
public final class TokenCommands {

  private final TokenFamily family;
  private final Pool pool;
  private final AuditTrail audit;
  private final CredentialEvictions evictions;
  private final TokenHasher hasher;

  public TokenCommands(TokenFamily family, Pool pool, AuditTrail audit, CredentialEvictions evictions, TokenHasher hasher) {
    this.family = family;
    this.pool = pool;
    this.audit = audit;
    this.evictions = evictions;
    this.hasher = hasher;
  }

  public Future<JsonObject> list(Command command) {
    Fields query = Fields.query(command.params());
    Where where = visible(command.scope())
        .andIf(query.uuid(family.ownerColumn), "t." + family.ownerColumn + " = ?")
        .andIf(query.uuid("created_by_user_id"), "t.created_by_user_id = ?");
    return Pages.fetch(pool, family.columns(), family.table + " t", where, "t.created_at, t.id",
        PageRequest.from(command.params()), this::toJson);
  }

  public Future<JsonObject> get(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Where where = visible(command.scope()).and("t.id = ?", id);
    return pool.preparedQuery("SELECT " + family.columns() + " FROM " + family.table + " t" + where.sql())
        .execute(where.args())
        .map(rows -> toJson(Rows.one(rows, family.ownerName + " token")));
  }

  /** Answers {@code {"id", "created_token"}}: the only moment the token exists in clear. */
  public Future<JsonObject> create(Command command) {
    Fields body = Fields.body(command.body());
    UUID owner = family == TokenFamily.USER
        ? body.uuid("user_id").orElse(command.actor().id())
        : body.requireUuid("bot_id");
    Instant expiresAt = body.instant("expires_at").orElse(null);
    if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
      throw ApiError.badRequest("'expires_at' must be in the future");
    }
    Identity actor = command.actor();
    return Tx.run(pool, tx -> insert(tx, owner, actor.isUser() ? actor.id() : null, expiresAt, Actor.of(actor)))
        .map(token -> new JsonObject().put("id", token.parts().id().toString()).put("created_token", token.value()));
  }

  /** Issues a token to a live owner and records it; also used to bootstrap the first admin. */
  public Future<IssuedToken> insert(Tx tx, UUID owner, UUID createdBy, Instant expiresAt, Actor actor) {
    IssuedToken token = TokenFormat.generate(family.kind, UUID.randomUUID());
    UUID id = token.parts().id();
    return liveOwner(tx, owner)
        .compose(live -> {
          NamedParameters row = NamedParameters.of().bind("id", id).bind("owner", owner).bind("created_by", createdBy)
              .bind("secret_hash", Buffer.buffer(hasher.hash(token.parts())))
              .bind("expires_at", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC));
          return tx.sql().preparedQuery(row.sql("INSERT INTO " + family.table + " (id, " + family.ownerColumn
                  + ", created_by_user_id, secret_hash, expires_at) VALUES (:id, :owner, :created_by, :secret_hash, :expires_at)"))
              .execute(row.values());
        })
        .compose(inserted -> audit.record(tx, AuditEvent.about(family.createdEvent, actor, id)
            .with(new JsonObject().put(family.ownerColumn, owner.toString())
                .put("expires_at", expiresAt == null ? null : expiresAt.toString()))))
        .map(token);
  }

  /**
   * Effective before the answer: the very next request with the token is refused, here and in other processes.
   * Whether the caller may revoke it was decided before (for a user, by the token's owner).
   */
  public Future<Void> revoke(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return Tx.run(pool, tx -> tx.sql()
        .preparedQuery("UPDATE " + family.table + " SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING "
            + family.ownerColumn)
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, family.ownerName + " token").getUUID(family.ownerColumn))
        .compose(owner -> audit.record(tx, AuditEvent.about(family.revokedEvent, Actor.of(command.actor()), id)
            .with(new JsonObject().put(family.ownerColumn, owner.toString()))))
        .compose(recorded -> evictions.tokens(tx, List.of(id))));
  }

  /** Who holds a live user token: what the permissions module needs to let a user revoke only their own. */
  public Future<UUID> owner(UUID id) {
    return pool.preparedQuery("SELECT " + family.ownerColumn + " FROM " + family.table + " WHERE id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, family.ownerName + " token").getUUID(family.ownerColumn));
  }

  /** The owner, locked against a concurrent deactivation or deletion (which takes the row FOR UPDATE). */
  private Future<Row> liveOwner(Tx tx, UUID owner) {
    String live = family == TokenFamily.USER ? "is_active" : "deleted_at IS NULL";
    return tx.sql().preparedQuery("SELECT " + live + " AS live FROM " + family.ownerTable + " WHERE id = $1 FOR SHARE")
        .execute(Tuple.of(owner))
        .map(rows -> {
          Row row = Rows.one(rows, family.ownerName);
          if (!row.getBoolean("live")) {
            throw ApiError.conflict(family == TokenFamily.USER
                ? "the user is deactivated" : "the bot is deleted; a deleted bot cannot be given tokens");
          }
          return row;
        });
  }

  private Where visible(Scope scope) {
    Where where = new Where().and("t.revoked_at IS NULL");
    if (!scope.all()) {
      where.and("t." + family.ownerColumn + " = ?", scope.userId());
    }
    return where;
  }

  private JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put(family.ownerColumn, Columns.uuid(row, family.ownerColumn))
        .put("created_at", Columns.time(row, "created_at"))
        .put("created_by_user_id", Columns.uuid(row, "created_by_user_id"))
        .put("last_used_at", Columns.time(row, "last_used_at"))
        .put("expires_at", Columns.time(row, "expires_at"));
  }
}
