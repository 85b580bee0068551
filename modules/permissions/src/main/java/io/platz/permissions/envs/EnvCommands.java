package io.platz.permissions.envs;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Command;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.json.Text;
import io.platz.permissions.grants.GrantCache;
import io.platz.persistence.DbErrors;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.Columns;
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
import java.util.UUID;

/**
 * Envs. The site admin who creates one becomes its Admin. Deleting one retires it and removes every grant in it;
 * the deployments module's trigger refuses while it still holds live deployments.
 */
public final class EnvCommands {

  private static final String COLUMNS = "e.id, e.created_at, e.name, e.auto_add_new_users";

  private final Pool pool;
  private final AuditTrail audit;
  private final GrantCache grants;

  public EnvCommands(Pool pool, AuditTrail audit, GrantCache grants) {
    this.pool = pool;
    this.audit = audit;
    this.grants = grants;
  }

  public Future<JsonObject> list(Command command) {
    Fields query = Fields.query(command.params());
    Where where = new Where().and("e.deleted_at IS NULL").scoped(command.scope(), "e.id", null)
        .andIf(query.string("name"), "lower(e.name) = lower(?)")
        .andIf(query.bool("auto_add_new_users"), "e.auto_add_new_users = ?");
    return Pages.fetch(pool, COLUMNS, "envs e", where, "lower(e.name), e.id", PageRequest.from(command.params()),
        EnvCommands::toJson);
  }

  public Future<JsonObject> get(Command command) {
    Where where = new Where().and("e.deleted_at IS NULL").scoped(command.scope(), "e.id", null)
        .and("e.id = ?", Fields.parseUuid("id", command.params().getString("id")));
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM envs e" + where.sql()).execute(where.args())
        .map(rows -> toJson(Rows.one(rows, "env")));
  }

  public Future<JsonObject> create(Command command) {
    Fields body = Fields.body(command.body());
    String name = Text.name("name", body.requireString("name"), 100);
    boolean autoAdd = body.bool("auto_add_new_users").orElse(false);
    UUID creator = command.actor().id();
    return Tx.run(pool, tx -> tx.sql()
            .preparedQuery("INSERT INTO envs (name, auto_add_new_users) VALUES ($1, $2) RETURNING *")
            .execute(Tuple.of(name, autoAdd))
            .map(rows -> toJson(rows.iterator().next()))
            .compose(env -> {
              UUID envId = UUID.fromString(env.getString("id"));
              return audit.record(tx,
                      AuditEvent.about(AuditEventType.ENV_CREATED, Actor.of(command.actor()), envId)
                          .inEnv(envId)
                          .with(new JsonObject().put("name", name).put("auto_add_new_users", autoAdd)))
                  .compose(recorded -> tx.sql()
                      .preparedQuery("INSERT INTO env_user_permissions (env_id, user_id, role) VALUES ($1, $2, 'Admin') RETURNING id")
                      .execute(Tuple.of(envId, creator)))
                  .compose(granted -> audit.record(tx,
                      AuditEvent.about(AuditEventType.ENV_ROLE_GRANTED, Actor.of(command.actor()), granted.iterator().next().getUUID("id"))
                          .inEnv(envId)
                          .with(new JsonObject().put("user_id", creator.toString()).put("bot_id", null)
                              .put("role", "Admin").put("reason", "creator of the env"))))
                  .compose(recorded -> grants.changed(tx, creator))
                  .map(env);
            }))
        .recover(EnvCommands::nameTaken);
  }

  /** Whether the caller may rename was decided before: env Admins change settings, only site admins the name. */
  public Future<JsonObject> update(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Fields body = Fields.body(command.body());
    String name = body.string("name").map(text -> Text.name("name", text, 100)).orElse(null);
    Boolean autoAdd = body.bool("auto_add_new_users").orElse(null);
    return Tx.run(pool, tx -> tx.sql()
            .preparedQuery("SELECT * FROM envs WHERE id = $1 AND deleted_at IS NULL FOR UPDATE").execute(Tuple.of(id))
            .map(rows -> toJson(Rows.one(rows, "env")))
            .compose(before -> {
              JsonObject changes = new JsonObject();
              if (name != null && !name.equals(before.getString("name"))) {
                changes.put("name", new JsonArray().add(before.getString("name")).add(name));
              }
              if (autoAdd != null && autoAdd != before.getBoolean("auto_add_new_users")) {
                changes.put("auto_add_new_users", new JsonArray().add(!autoAdd).add(autoAdd));
              }
              if (changes.isEmpty()) {
                return Future.succeededFuture(before);
              }
              return tx.sql().preparedQuery("""
                      UPDATE envs SET name = coalesce($2, name), auto_add_new_users = coalesce($3, auto_add_new_users)
                      WHERE id = $1 RETURNING *""")
                  .execute(Tuple.of(id, name, autoAdd))
                  .map(rows -> toJson(rows.iterator().next()))
                  .compose(after -> audit.record(tx,
                      AuditEvent.about(AuditEventType.ENV_UPDATED, Actor.of(command.actor()), id)
                          .inEnv(id)
                          .with(new JsonObject().put("changes", changes))).map(after));
            }))
        .recover(EnvCommands::nameTaken);
  }

  public Future<Void> delete(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return Tx.run(pool, tx -> tx.sql()
        .preparedQuery("UPDATE envs SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING name")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, "env").getString("name"))
        .compose(name -> tx.sql().preparedQuery("DELETE FROM env_user_permissions WHERE env_id = $1").execute(Tuple.of(id))
            .compose(envRoles -> tx.sql().preparedQuery("DELETE FROM deployment_permissions WHERE env_id = $1").execute(Tuple.of(id))
                .compose(kindRoles -> audit.record(tx,
                    AuditEvent.about(AuditEventType.ENV_DELETED, Actor.of(command.actor()), id)
                        .inEnv(id)
                        .with(new JsonObject().put("name", name)
                            .put("grants_removed", envRoles.rowCount() + kindRoles.rowCount()))))))
        .compose(recorded -> grants.changedForEveryone(tx)));
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("name", row.getString("name"))
        .put("auto_add_new_users", row.getBoolean("auto_add_new_users"));
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    return Future.failedFuture(DbErrors.isUniqueViolation(failure) ? ApiError.conflict("an env with this name already exists") : failure);
  }
}
