package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.common.bus.Command;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.json.Text;
import io.platz.persistence.DbErrors;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.PageRequest;
import io.platz.persistence.sql.Pages;
import io.platz.persistence.sql.Rows;
import io.platz.persistence.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Users: provisioned by site admins, updated, deactivated (which revokes every token they hold). */
public final class UserCommands {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private final Pool pool;
  private final AuditTrail audit;
  private final CredentialEvictions evictions;

  public UserCommands(Pool pool, AuditTrail audit, CredentialEvictions evictions) {
    this.pool = pool;
    this.audit = audit;
    this.evictions = evictions;
  }

  public Future<JsonObject> list(Command command) {
    Fields query = Fields.query(command.params());
    Where where = new Where()
        .andIf(query.string("display_name").map(Where::contains), "u.display_name ILIKE ?")
        .andIf(query.string("email").map(Where::contains), "u.email ILIKE ?")
        .andIf(query.bool("is_active"), "u.is_active = ?")
        .andIf(query.bool("is_admin"), "u.is_admin = ?");
    return Pages.fetch(pool, Users.COLUMNS, "users u", where, "u.created_at, u.id",
        PageRequest.from(command.params()), Users::toJson);
  }

  public Future<JsonObject> get(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return pool.preparedQuery("SELECT * FROM users WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> Users.toJson(Rows.one(rows, "user")));
  }

  public Future<JsonObject> create(Command command) {
    Fields body = Fields.body(command.body());
    String displayName = Text.name("display_name", body.requireString("display_name"), 200);
    String email = email(body.requireString("email"));
    boolean admin = body.bool("is_admin").orElse(false);
    return Tx.run(pool, tx -> insert(tx, displayName, email, admin, Actor.of(command.actor())))
        .recover(failure -> Future.failedFuture(DbErrors.isUniqueViolation(failure)
            ? ApiError.conflict("a user with this email already exists") : failure));
  }

  /** Inserts a user and records it; shared with the first-admin bootstrap. */
  public Future<JsonObject> insert(Tx tx, String displayName, String email, boolean admin, Actor actor) {
    return tx.sql().preparedQuery("INSERT INTO users (display_name, email, is_admin) VALUES ($1, $2, $3) RETURNING *")
        .execute(Tuple.of(displayName, email, admin))
        .map(rows -> Users.toJson(rows.iterator().next()))
        .compose(user -> audit.record(tx,
            AuditEvent.about(AuditEventType.USER_CREATED, actor, UUID.fromString(user.getString("id")))
                .with(new JsonObject().put("display_name", displayName).put("email", email).put("is_admin", admin)))
            // the envs that add new users automatically have just added this one (a trigger of the permissions module)
            .compose(recorded -> audit.recordConsequences(tx))
            .map(user));
  }

  public Future<JsonObject> update(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Fields body = Fields.body(command.body());
    String displayName = body.string("display_name").map(name -> Text.name("display_name", name, 200)).orElse(null);
    Boolean admin = body.bool("is_admin").orElse(null);
    Boolean active = body.bool("is_active").orElse(null);
    return Tx.run(pool, tx -> lock(tx, id).compose(current -> {
      JsonObject before = Users.toJson(current);
      JsonObject changes = new JsonObject();
      change(changes, before, "display_name", displayName);
      change(changes, before, "is_admin", admin);
      change(changes, before, "is_active", active);
      if (changes.isEmpty()) {
        return Future.succeededFuture(before);
      }
      return tx.sql().preparedQuery("""
              UPDATE users SET display_name = coalesce($2, display_name), is_admin = coalesce($3, is_admin),
                               is_active = coalesce($4, is_active)
              WHERE id = $1 RETURNING *""")
          .execute(Tuple.of(id, displayName, admin, active))
          .map(rows -> Users.toJson(rows.iterator().next()))
          .compose(after -> revokeTokensIfDeactivated(tx, id, before, after)
              .compose(revoked -> audit.record(tx,
                  AuditEvent.about(AuditEventType.USER_UPDATED, Actor.of(command.actor()), id)
                      .with(new JsonObject().put("changes", changes).put("tokens_revoked", revoked))))
              // what a user is travels inside cached credentials (name, admin flag): drop them all
              .compose(recorded -> evictions.subject(tx, id))
              .map(after));
    }));
  }

  /** Deactivation kills every token for good: reactivating a user does not bring old tokens back. */
  private Future<Integer> revokeTokensIfDeactivated(Tx tx, UUID id, JsonObject before, JsonObject after) {
    if (!before.getBoolean("is_active") || after.getBoolean("is_active")) {
      return Future.succeededFuture(0);
    }
    return tx.sql().preparedQuery("UPDATE user_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount());
  }

  private static Future<Row> lock(Tx tx, UUID id) {
    return tx.sql().preparedQuery("SELECT * FROM users WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, "user"));
  }

  private static void change(JsonObject changes, JsonObject before, String field, Object value) {
    if (value != null && !value.equals(before.getValue(field))) {
      changes.put(field, new JsonArray(List.of(before.getValue(field), value)));
    }
  }

  static String email(String value) {
    if (value.length() > 320 || !EMAIL.matcher(value).matches() || !value.equals(value.strip())) {
      throw ApiError.badRequest("'email' must be an email address");
    }
    return value;
  }
}
