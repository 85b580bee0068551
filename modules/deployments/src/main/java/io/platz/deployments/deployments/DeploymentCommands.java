package io.platz.deployments.deployments;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleBus;
import io.platz.common.deployments.DeploymentStatus;
import io.platz.common.deployments.DeploymentsRequests.DeploymentPlace;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.json.Text;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;
import java.util.UUID;

/**
 * Deployments: created, changed and retired by those the permissions module allowed, read within the caller's
 * scope (filtered in SQL, so totals and pages are right). A retired deployment is still answered by id, with
 * {@code deleted_at}, so that the tasks it leaves behind can name it.
 */
public final class DeploymentCommands {

  private static final String SIMPLE_COLUMNS = "d.id, d.created_at, d.name, d.env_id, d.kind_id, d.enabled, d.status, d.deleted_at";
  private static final String COLUMNS = SIMPLE_COLUMNS + ", d.config, d.description_md";

  private final Pool pool;
  private final AuditTrail audit;
  private final ModuleBus bus;
  private final DeploymentReads reads;
  private final ConfigAudit configAudit;
  private final int maxConfigBytes;
  private final int maxPerPage;

  /** {@code maxPerPage}: as many deployments as fit a page when each holds a config of {@code maxConfigBytes}. */
  public DeploymentCommands(Pool pool, AuditTrail audit, ModuleBus bus, DeploymentReads reads, byte[] digestKey,
                            int maxConfigBytes, int maxPerPage) {
    this.pool = pool;
    this.audit = audit;
    this.bus = bus;
    this.reads = reads;
    this.configAudit = new ConfigAudit(digestKey);
    this.maxConfigBytes = maxConfigBytes;
    this.maxPerPage = maxPerPage;
  }

  public Future<Buffer> list(Command command) {
    return reads.page(command, () -> query(command));
  }

  private Future<JsonObject> query(Command command) {
    Fields query = Fields.query(command.params());
    Where where = new Where().scoped(command.scope(), "d.env_id", "d.kind_id")
        .andIf(query.uuid("env_id"), "d.env_id = ?")
        .andIf(query.uuid("kind_id"), "d.kind_id = ?")
        .andIf(query.string("name").map(Where::contains), "d.name ILIKE ?")
        .andIf(query.bool("enabled"), "d.enabled = ?")
        .andIf(query.oneOf("status", DeploymentStatus.NAMES), "d.status = ?");
    if (!query.bool("include_deleted").orElse(false)) {
      where.and("d.deleted_at IS NULL");
    }
    // without config and description, for pickers and name lookups: small enough for the longest pages
    if (query.bool("simple").orElse(false)) {
      return Pages.fetch(pool, SIMPLE_COLUMNS, "deployments d", where, "d.created_at, d.id",
          PageRequest.from(command.params()), DeploymentCommands::simpleJson);
    }
    return Pages.fetch(pool, COLUMNS, "deployments d", where, "d.created_at, d.id",
        PageRequest.from(command.params(), maxPerPage), DeploymentCommands::toJson);
  }

  public Future<JsonObject> get(Command command) {
    Where where = new Where().scoped(command.scope(), "d.env_id", "d.kind_id")
        .and("d.id = ?", Fields.parseUuid("id", command.params().getString("id")));
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM deployments d" + where.sql()).execute(where.args())
        .map(rows -> toJson(Rows.one(rows, "deployment")));
  }

  public Future<JsonObject> create(Command command) {
    Fields body = Fields.body(command.body());
    UUID env = body.requireUuid("env_id");
    UUID kind = body.requireUuid("kind_id");
    String name = Text.name("name", body.requireString("name"), 100);
    JsonObject config = body.object("config", maxConfigBytes).orElse(new JsonObject());
    boolean enabled = body.bool("enabled").orElse(true);
    String description = description(body);
    NamedParameters row = NamedParameters.of().bind("name", name).bind("env_id", env).bind("kind_id", kind)
        .bind("enabled", enabled).bind("config", config).bind("description", description);
    return Tx.run(pool, tx -> changing(tx).preparedQuery(row.sql("""
                INSERT INTO deployments (name, env_id, kind_id, enabled, config, description_md)
                VALUES (:name, :env_id, :kind_id, :enabled, :config, :description) RETURNING *"""))
            .execute(row.values())
            .map(rows -> toJson(rows.iterator().next()))
            .compose(created -> audit.record(tx,
                AuditEvent.about(AuditEventType.DEPLOYMENT_CREATED, Actor.of(command.actor()), UUID.fromString(created.getString("id")))
                    .inEnv(env)
                    .with(new JsonObject().put("name", name).put("kind_id", kind.toString()).put("enabled", enabled)
                        .put("config", configAudit.change(null, created.getJsonObject("config")))))
                .map(created)))
        .recover(DeploymentCommands::nameTaken);
  }

  /** The env and kind of a deployment never change: they are what its permissions hang on. */
  public Future<JsonObject> update(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Fields body = Fields.body(command.body());
    String name = body.string("name").map(text -> Text.name("name", text, 100)).orElse(null);
    Boolean enabled = body.bool("enabled").orElse(null);
    String status = body.oneOf("status", DeploymentStatus.NAMES).orElse(null);
    JsonObject config = body.object("config", maxConfigBytes).orElse(null);
    boolean describes = body.has("description_md");
    String description = description(body);
    return Tx.run(pool, tx -> changing(tx)
            .preparedQuery("SELECT * FROM deployments WHERE id = $1 AND deleted_at IS NULL FOR UPDATE").execute(Tuple.of(id))
            .map(rows -> toJson(Rows.one(rows, "deployment")))
            .compose(before -> {
              refuseMove(body, before);
              JsonObject changes = new JsonObject();
              change(changes, before, "name", name);
              change(changes, before, "enabled", enabled);
              change(changes, before, "status", status);
              if (describes && !Objects.equals(description, before.getString("description_md"))) {
                changes.put("description_md", configAudit.textChange(before.getString("description_md"), description));
              }
              boolean reconfigures = config != null && !config.equals(before.getJsonObject("config"));
              if (changes.isEmpty() && !reconfigures) {
                return Future.succeededFuture(before);
              }
              NamedParameters update = NamedParameters.of().bind("id", id).bind("name", name).bind("enabled", enabled)
                  .bind("status", status).bind("config", config).bind("describes", describes).bind("description", description);
              return tx.sql().preparedQuery(update.sql("""
                      UPDATE deployments SET name = coalesce(:name, name), enabled = coalesce(:enabled, enabled),
                          status = coalesce(:status, status), config = coalesce(:config, config),
                          description_md = CASE WHEN :describes THEN :description ELSE description_md END
                      WHERE id = :id RETURNING *"""))
                  .execute(update.values())
                  .map(rows -> toJson(rows.iterator().next()))
                  .compose(after -> {
                    if (reconfigures) {
                      changes.put("config", configAudit.change(before.getJsonObject("config"), after.getJsonObject("config")));
                    }
                    return audit.record(tx,
                        AuditEvent.about(AuditEventType.DEPLOYMENT_UPDATED, Actor.of(command.actor()), id)
                            .inEnv(UUID.fromString(after.getString("env_id")))
                            .with(new JsonObject().put("changes", changes)))
                        .map(after);
                  });
            }))
        .recover(DeploymentCommands::nameTaken);
  }

  /**
   * Retires the deployment. Its credentials are revoked in the same transaction (the auth module's trigger), and
   * dropped from this process's cache before the answer, so the very next request with one is refused.
   */
  public Future<Void> delete(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    return Tx.run(pool, tx -> {
      LocalCredentialEvictions.afterCommit(tx, bus, id);
      return changing(tx)
        .preparedQuery("UPDATE deployments SET deleted_at = now(), enabled = false WHERE id = $1 AND deleted_at IS NULL RETURNING *")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, "deployment"))
        .compose(retired -> audit.record(tx,
            AuditEvent.about(AuditEventType.DEPLOYMENT_DELETED, Actor.of(command.actor()), id)
                .inEnv(retired.getUUID("env_id"))
                .with(new JsonObject().put("name", retired.getString("name")))));
    });
  }

  /** Where a live deployment is, for the permissions module's decisions. */
  public Future<DeploymentPlace> locate(UUID id) {
    return reads.location(id, () -> pool
        .preparedQuery("SELECT env_id, kind_id, name FROM deployments WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(id))
        .map(rows -> {
          Row row = Rows.one(rows, "deployment");
          return new DeploymentPlace(row.getUUID("env_id"), row.getUUID("kind_id"), row.getString("name"));
        }));
  }

  /** The transaction's connection, for a change to deployments: once it commits, no cached read shows the past. */
  private SqlConnection changing(Tx tx) {
    reads.changedAfterCommit(tx);
    return tx.sql();
  }

  private static void refuseMove(Fields body, JsonObject before) {
    for (String field : new String[] {"env_id", "kind_id"}) {
      if (body.uuid(field).map(value -> !value.toString().equals(before.getString(field))).orElse(false)) {
        throw ApiError.badRequest("'" + field + "' of a deployment cannot change; create a new deployment instead");
      }
    }
  }

  private static String description(Fields body) {
    return body.string("description_md").map(text -> Text.text("description_md", text, 20_000)).orElse(null);
  }

  private static void change(JsonObject changes, JsonObject before, String field, Object value) {
    if (value != null && !Objects.equals(before.getValue(field), value)) {
      changes.put(field, new JsonArray().add(before.getValue(field)).add(value));
    }
  }

  static JsonObject toJson(Row row) {
    return simpleJson(row)
        .put("config", (JsonObject) row.getValue("config"))
        .put("description_md", row.getString("description_md"));
  }

  private static JsonObject simpleJson(Row row) {
    return new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("name", row.getString("name"))
        .put("env_id", Columns.uuid(row, "env_id"))
        .put("kind_id", Columns.uuid(row, "kind_id"))
        .put("enabled", row.getBoolean("enabled"))
        .put("status", row.getString("status"))
        .put("deleted_at", Columns.time(row, "deleted_at"));
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    return Future.failedFuture(DbErrors.isUniqueViolation(failure)
        ? ApiError.conflict("a deployment of this kind with this name already exists in this env") : failure);
  }
}
