package io.platz.permissions.grants;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleBus;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.persistence.DbErrors;
import io.platz.persistence.Tx;
import io.platz.persistence.bus.LocalCredentialEvictions;
import io.platz.persistence.sql.Columns;
import io.platz.persistence.sql.NamedParameters;
import io.platz.persistence.sql.PageRequest;
import io.platz.persistence.sql.Pages;
import io.platz.persistence.sql.Rows;
import io.platz.persistence.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Grants of env roles or of deployment roles, to users and bots alike. Whether the caller may grant or remove
 * was decided before; here the grant itself is checked (one subject, a known role, live env, kind and bot) and
 * the grant caches of every process are told.
 */
public final class GrantCommands {

  private final GrantFamily family;
  private final Pool pool;
  private final AuditTrail audit;
  private final GrantCache grants;
  private final ModuleBus bus;

  public GrantCommands(GrantFamily family, Pool pool, AuditTrail audit, GrantCache grants, ModuleBus bus) {
    this.family = family;
    this.pool = pool;
    this.audit = audit;
    this.grants = grants;
    this.bus = bus;
  }

  public Future<JsonObject> list(Command command) {
    Fields query = Fields.query(command.params());
    Where where = new Where().scoped(command.scope(), "g.env_id", null)
        .andIf(query.uuid("env_id"), "g.env_id = ?")
        .andIf(query.uuid("user_id"), "g.user_id = ?")
        .andIf(query.uuid("bot_id"), "g.bot_id = ?")
        .andIf(query.oneOf("role", family.roles), "g.role = ?");
    if (family.perKind) {
      where.andIf(query.uuid("kind_id"), "g.kind_id = ?");
    }
    return Pages.fetch(pool, family.columns(), family.table + " g", where, "g.created_at, g.id",
        PageRequest.from(command.params()), this::toJson);
  }

  public Future<JsonObject> get(Command command) {
    Where where = new Where().scoped(command.scope(), "g.env_id", null)
        .and("g.id = ?", Fields.parseUuid("id", command.params().getString("id")));
    return pool.preparedQuery("SELECT " + family.columns() + " FROM " + family.table + " g" + where.sql())
        .execute(where.args())
        .map(rows -> toJson(Rows.one(rows, "permission")));
  }

  public Future<JsonObject> grant(Command command) {
    Grant grant = Grant.from(family, command.body());
    NamedParameters row = NamedParameters.of().bind("env_id", grant.envId()).bind("user_id", grant.userId())
        .bind("bot_id", grant.botId()).bind("role", grant.role());
    if (family.perKind) {
      row.bind("kind_id", grant.kindId());
    }
    return Tx.run(pool, tx -> tx.sql().preparedQuery(row.sql(insert())).execute(row.values())
            .map(rows -> toJson(Rows.one(rows, family.perKind ? "env or deployment kind" : "env")))
            .compose(created -> audit.record(tx, event(family.granted, command, created))
                .compose(recorded -> grants.changed(tx, grant.subject()))
                .map(created)))
        .recover(this::explain);
  }

  /** Only into a live env (and kind): a retired one cannot be granted anything. */
  private String insert() {
    return family.perKind
        ? """
          INSERT INTO deployment_permissions (env_id, user_id, bot_id, role, kind_id)
          SELECT :env_id::uuid, :user_id::uuid, :bot_id::uuid, :role::text, :kind_id::uuid
          WHERE EXISTS (SELECT 1 FROM envs WHERE id = :env_id AND deleted_at IS NULL)
            AND EXISTS (SELECT 1 FROM deployment_kinds WHERE id = :kind_id AND deleted_at IS NULL)
          RETURNING *"""
        : """
          INSERT INTO env_user_permissions (env_id, user_id, bot_id, role)
          SELECT :env_id::uuid, :user_id::uuid, :bot_id::uuid, :role::text
          WHERE EXISTS (SELECT 1 FROM envs WHERE id = :env_id AND deleted_at IS NULL)
          RETURNING *""";
  }

  /**
   * The deployment credentials the subject may no longer mint without this grant die in the same transaction (the
   * auth module's trigger, V12), and leave this process's credential cache before the answer.
   */
  public Future<Void> remove(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return Tx.run(pool, tx -> tx.sql()
        .preparedQuery("DELETE FROM " + family.table + " WHERE id = $1 RETURNING *")
        .execute(Tuple.of(id))
        .map(rows -> toJson(Rows.one(rows, "permission")))
        .compose(removed -> audit.record(tx, event(family.removed, command, removed))
            .compose(recorded -> {
              LocalCredentialEvictions.afterCommit(tx, bus, subjectOf(removed));
              return grants.changed(tx, subjectOf(removed));
            })));
  }

  /** The env and subject of a grant, for the decision on removing it. */
  public static Future<Row> locate(Pool pool, GrantFamily family, UUID id) {
    return pool.preparedQuery("SELECT env_id, user_id, bot_id FROM " + family.table + " WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, "permission"));
  }

  private AuditEvent event(AuditEventType type, Command command, JsonObject grant) {
    JsonObject data = grant.copy();
    data.remove("id");
    data.remove("created_at");
    data.remove("env_id");
    return AuditEvent.about(type, Actor.of(command.actor()), UUID.fromString(grant.getString("id")))
        .inEnv(UUID.fromString(grant.getString("env_id")))
        .with(data);
  }

  private <T> Future<T> explain(Throwable failure) {
    if (DbErrors.isUniqueViolation(failure)) {
      return Future.failedFuture(ApiError.conflict(family.perKind
          ? "this user or bot already holds a role on this kind in this env" : "this user or bot already holds a role in this env"));
    }
    return Future.failedFuture(DbErrors.violatedForeignKey(failure)
        .map(constraint -> (Throwable) ApiError.notFound(constraint.contains("user") ? "user"
            : constraint.contains("bot") ? "bot" : constraint.contains("kind") ? "deployment kind" : "env"))
        .orElse(failure));
  }

  private static UUID subjectOf(JsonObject grant) {
    String user = grant.getString("user_id");
    return UUID.fromString(user != null ? user : grant.getString("bot_id"));
  }

  private JsonObject toJson(Row row) {
    JsonObject json = new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("env_id", Columns.uuid(row, "env_id"))
        .put("user_id", Columns.uuid(row, "user_id"))
        .put("bot_id", Columns.uuid(row, "bot_id"));
    if (family.perKind) {
      json.put("kind_id", Columns.uuid(row, "kind_id"));
    }
    return json.put("role", row.getString("role"));
  }

  /** What a grant request asks for, checked. */
  record Grant(UUID envId, UUID userId, UUID botId, UUID kindId, String role) {

    static Grant from(GrantFamily family, JsonObject body) {
      Fields fields = Fields.body(body);
      UUID user = fields.uuid("user_id").orElse(null);
      UUID bot = fields.uuid("bot_id").orElse(null);
      if ((user == null) == (bot == null)) {
        throw ApiError.badRequest("give exactly one of 'user_id' and 'bot_id'");
      }
      return new Grant(fields.requireUuid("env_id"), user, bot,
          family.perKind ? fields.requireUuid("kind_id") : null,
          fields.oneOf("role", family.roles).orElseThrow(() -> Fields.missing("role")));
    }

    UUID subject() {
      return userId != null ? userId : botId;
    }
  }
}
