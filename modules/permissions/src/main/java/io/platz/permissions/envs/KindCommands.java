package io.platz.permissions.envs;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Command;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.json.Text;
import io.platz.common.permissions.DeploymentRole;
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
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Deployment kinds and their actions, each with the role it needs. Site admins manage them; every identity may
 * read them (a kind says nothing about any env). Retiring a kind removes its grants; the deployments module's
 * trigger refuses while live deployments are of the kind.
 */
public final class KindCommands {

  private static final String COLUMNS = "k.id, k.created_at, k.name, k.actions";
  static final int MAX_ACTIONS = 64;

  private final Pool pool;
  private final AuditTrail audit;
  private final GrantCache grants;
  private final KindCache cache;

  public KindCommands(Pool pool, AuditTrail audit, GrantCache grants, KindCache cache) {
    this.pool = pool;
    this.audit = audit;
    this.grants = grants;
    this.cache = cache;
  }

  public Future<JsonObject> list(Command command) {
    Where where = new Where().and("k.deleted_at IS NULL")
        .andIf(Fields.query(command.params()).string("name"), "lower(k.name) = lower(?)");
    return Pages.fetch(pool, COLUMNS, "deployment_kinds k", where, "lower(k.name), k.id", PageRequest.from(command.params()),
        KindCommands::toJson);
  }

  public Future<JsonObject> get(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM deployment_kinds k WHERE k.id = $1 AND k.deleted_at IS NULL")
        .execute(Tuple.of(id))
        .map(rows -> toJson(Rows.one(rows, "deployment kind")));
  }

  public Future<JsonObject> create(Command command) {
    Fields body = Fields.body(command.body());
    String name = Text.name("name", body.requireString("name"), 100);
    Object given = command.body().getValue("actions");
    JsonArray actions = actions(given == null ? new JsonArray() : given);
    return Tx.run(pool, tx -> tx.sql()
            .preparedQuery("INSERT INTO deployment_kinds (name, actions) VALUES ($1, $2) RETURNING *")
            .execute(Tuple.of(name, actions))
            .map(rows -> toJson(rows.iterator().next()))
            .compose(kind -> audit.record(tx,
                AuditEvent.about(AuditEventType.DEPLOYMENT_KIND_CREATED, Actor.of(command.actor()), UUID.fromString(kind.getString("id")))
                    .with(new JsonObject().put("name", name).put("actions", roles(actions))))
                .map(kind)))
        .recover(KindCommands::nameTaken);
  }

  public Future<JsonObject> update(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Fields body = Fields.body(command.body());
    String name = body.string("name").map(text -> Text.name("name", text, 100)).orElse(null);
    Object given = command.body().getValue("actions");
    JsonArray actions = given == null ? null : actions(given);
    return Tx.run(pool, tx -> tx.sql()
            .preparedQuery("SELECT * FROM deployment_kinds WHERE id = $1 AND deleted_at IS NULL FOR UPDATE").execute(Tuple.of(id))
            .map(rows -> toJson(Rows.one(rows, "deployment kind")))
            .compose(before -> {
              JsonObject changes = new JsonObject();
              if (name != null && !name.equals(before.getString("name"))) {
                changes.put("name", new JsonArray().add(before.getString("name")).add(name));
              }
              if (actions != null && !actions.equals(before.getJsonArray("actions"))) {
                changes.put("actions", new JsonArray().add(roles(before.getJsonArray("actions"))).add(roles(actions)));
              }
              if (changes.isEmpty()) {
                return Future.succeededFuture(before);
              }
              cache.changed(tx, id);
              return tx.sql().preparedQuery("""
                      UPDATE deployment_kinds SET name = coalesce($2, name), actions = coalesce($3, actions)
                      WHERE id = $1 RETURNING *""")
                  .execute(Tuple.of(id, name, actions))
                  .map(rows -> toJson(rows.iterator().next()))
                  .compose(after -> audit.record(tx,
                      AuditEvent.about(AuditEventType.DEPLOYMENT_KIND_UPDATED, Actor.of(command.actor()), id)
                          .with(new JsonObject().put("changes", changes)))
                      .map(after));
            }))
        .recover(KindCommands::nameTaken);
  }

  public Future<Void> delete(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return Tx.run(pool, tx -> tx.sql()
        .preparedQuery("UPDATE deployment_kinds SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING name")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, "deployment kind").getString("name"))
        .compose(name -> tx.sql().preparedQuery("DELETE FROM deployment_permissions WHERE kind_id = $1").execute(Tuple.of(id))
            .compose(removed -> audit.record(tx,
                AuditEvent.about(AuditEventType.DEPLOYMENT_KIND_DELETED, Actor.of(command.actor()), id)
                    .with(new JsonObject().put("name", name).put("grants_removed", removed.rowCount())))))
        .compose(recorded -> grants.changedForEveryone(tx)));
  }

  /**
   * What the audit trail records of a kind's actions: which role each needs, which is what permissions hang on.
   * Titles are left out, so that an event about a kind stays small whatever its titles.
   */
  private static JsonArray roles(JsonArray actions) {
    JsonArray roles = new JsonArray();
    actions.forEach(action -> roles.add(new JsonObject().put("id", ((JsonObject) action).getString("id"))
        .put("allowed_role", ((JsonObject) action).getString("allowed_role"))));
    return roles;
  }

  /** {@code [{"id", "title", "allowed_role"}]}: ids unique within the kind, at most {@link #MAX_ACTIONS}. */
  static JsonArray actions(Object value) {
    if (!(value instanceof JsonArray list)) {
      throw Fields.invalid("actions", "a list of {\"id\", \"title\", \"allowed_role\"}");
    }
    if (list.size() > MAX_ACTIONS) {
      throw ApiError.badRequest("'actions' must hold at most " + MAX_ACTIONS + " actions");
    }
    JsonArray actions = new JsonArray();
    Set<String> ids = new HashSet<>();
    for (Object item : list) {
      if (!(item instanceof JsonObject object)) {
        throw Fields.invalid("actions", "a list of {\"id\", \"title\", \"allowed_role\"}");
      }
      Fields action = Fields.body(object);
      String id = action.requireString("id");
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
        throw ApiError.badRequest("an action id must be 1 to 100 letters, digits, '-', '_' or '.'");
      }
      if (!ids.add(id)) {
        throw ApiError.badRequest("action id '" + id + "' appears twice");
      }
      actions.add(new JsonObject()
          .put("id", id)
          .put("title", Text.name("title", action.string("title").orElse(id), 200))
          .put("allowed_role", action.oneOf("allowed_role", DeploymentRole.NAMES).orElseThrow(() -> Fields.missing("allowed_role"))));
    }
    return actions;
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("name", row.getString("name"))
        .put("actions", (JsonArray) row.getValue("actions"));
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    return Future.failedFuture(DbErrors.isUniqueViolation(failure) ? ApiError.conflict("a deployment kind with this name already exists") : failure);
  }
}
