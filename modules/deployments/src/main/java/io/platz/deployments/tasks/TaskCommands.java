package io.platz.deployments.tasks;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.common.auth.Identity;
import io.platz.common.auth.IdentityKind;
import io.platz.common.bus.Command;
import io.platz.common.deployments.DeploymentTaskStatus;
import io.platz.common.deployments.DeploymentsRequests.TaskPlace;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.json.Text;
import io.platz.persistence.Tx;
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
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Deployment tasks: who asked for what on which deployment, and how it went. A task and its audit event commit
 * together; the audit pump numbers and chains the event once it has committed. Which acting column is set follows
 * from the caller's identity kind.
 */
public final class TaskCommands {

  private static final String COLUMNS = """
      t.id, t.created_at, t.deployment_id, t.env_id, t.kind_id, t.operation, t.status, t.reason, t.acting_user_id,
      t.acting_bot_id, t.acting_deployment_id, t.canceled_by_user_id, t.canceled_by_bot_id, t.canceled_by_deployment_id,
      t.started_at, t.finished_at""";
  /** The audit keeps this much of a cancel's reason, the task all of it: every read of the trail carries its events. */
  private static final int AUDITED_REASON = 2_000;

  private final Pool pool;
  private final AuditTrail audit;
  private final TaskWriter writer;
  private final int maxOperationBytes;
  private final int maxPerPage;

  /** {@code maxPerPage}: as many tasks as fit a page when each holds an operation of {@code maxOperationBytes}. */
  public TaskCommands(Pool pool, AuditTrail audit, int maxOperationBytes, int maxPerPage) {
    this.pool = pool;
    this.audit = audit;
    this.writer = new TaskWriter(pool, audit);
    this.maxOperationBytes = maxOperationBytes;
    this.maxPerPage = maxPerPage;
  }

  /** Newest first, within the caller's scope (the deployments it may see). */
  public Future<JsonObject> list(Command command) {
    Fields query = Fields.query(command.params());
    Where where = new Where().scoped(command.scope(), "t.env_id", "t.kind_id")
        .andIf(query.uuid("deployment_id"), "t.deployment_id = ?")
        .andIf(query.uuid("env_id"), "t.env_id = ?")
        .andIf(query.uuid("acting_user_id"), "t.acting_user_id = ?")
        .andIf(query.uuid("acting_bot_id"), "t.acting_bot_id = ?")
        .andIf(query.uuid("acting_deployment_id"), "t.acting_deployment_id = ?")
        .andIf(query.oneOf("status", DeploymentTaskStatus.NAMES), "t.status = ?")
        .andIf(query.instant("created_from").map(at -> at.atOffset(ZoneOffset.UTC)), "t.created_at >= ?")
        .andIf(query.instant("created_to").map(at -> at.atOffset(ZoneOffset.UTC)), "t.created_at < ?");
    return Pages.fetch(pool, COLUMNS, "deployment_tasks t", where, "t.created_at DESC, t.id DESC",
        PageRequest.from(command.params(), maxPerPage), TaskCommands::toJson);
  }

  public Future<JsonObject> get(Command command) {
    Where where = new Where().scoped(command.scope(), "t.env_id", "t.kind_id")
        .and("t.id = ?", Fields.parseUuid("id", command.params().getString("id")));
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM deployment_tasks t" + where.sql()).execute(where.args())
        .map(rows -> toJson(Rows.one(rows, "deployment task")));
  }

  /**
   * Whether the caller may run this operation (and action) on this deployment was decided before. Task creation is
   * the hot write path: the task and its event are written together with the tasks of concurrent requests.
   */
  public Future<JsonObject> create(Command command) {
    UUID deployment = Fields.body(command.body()).requireUuid("deployment_id");
    TaskOperation operation = TaskOperation.from(command.body());
    Fields.atMostBytes("operation." + operation.type(), operation.payload(), maxOperationBytes);
    return writer.write(deployment, operation, command.actor()).map(TaskCommands::toJson);
  }

  /** Cancels a Pending task (409 otherwise): status Canceled, with who canceled it and why. */
  public Future<JsonObject> cancel(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    String reason = Fields.body(command.body()).string("reason").map(text -> Text.text("reason", text, 20_000)).orElse(null);
    Identity actor = command.actor();
    return Tx.run(pool, tx -> lockStatus(tx, id)
        .compose(status -> {
          if (!"Pending".equals(status)) {
            return Future.failedFuture(ApiError.conflict("only a Pending task can be canceled; this one is " + status));
          }
          NamedParameters cancel = NamedParameters.of().bind("id", id).bind("reason", reason)
              .bind("user_id", actor.isUser() ? actor.id() : null)
              .bind("bot_id", actor.isBot() ? actor.id() : null)
              .bind("deployment_id", actor.isDeployment() ? actor.id() : null);
          return tx.sql().preparedQuery(cancel.sql("""
                  UPDATE deployment_tasks SET status = 'Canceled', finished_at = now(), reason = coalesce(:reason, reason),
                      canceled_by_user_id = :user_id, canceled_by_bot_id = :bot_id, canceled_by_deployment_id = :deployment_id
                  WHERE id = :id RETURNING *"""))
              .execute(cancel.values())
              .map(rows -> toJson(rows.iterator().next()));
        })
        .compose(task -> audit.record(tx, AuditEvent.about(AuditEventType.TASK_CANCELED, Actor.of(actor), id)
            .inEnv(UUID.fromString(task.getString("env_id")))
            .with(new JsonObject().put("reason", audited(reason)))).map(task)));
  }

  /** Pending → Started, Failed; Started → Done, Failed. The database refuses any other move. */
  public Future<JsonObject> advance(Command command) {
    UUID id = Fields.parseUuid("id", command.params().getString("id"));
    Fields body = Fields.body(command.body());
    String status = body.oneOf("status", List.of("Started", "Done", "Failed")).orElseThrow(() -> Fields.missing("status"));
    String reason = body.string("reason").map(text -> Text.text("reason", text, 20_000)).orElse(null);
    return Tx.run(pool, tx -> lockStatus(tx, id)
        .compose(before -> tx.sql().preparedQuery("""
                UPDATE deployment_tasks SET status = $2, reason = coalesce($3, reason),
                    started_at = CASE WHEN $2 = 'Started' THEN now() ELSE started_at END,
                    finished_at = CASE WHEN $2 IN ('Done', 'Failed') THEN now() ELSE finished_at END
                WHERE id = $1 RETURNING *""")
            .execute(Tuple.of(id, status, reason))
            .map(rows -> toJson(rows.iterator().next()))
            .compose(task -> audit.record(tx,
                AuditEvent.about(AuditEventType.TASK_STATUS_CHANGED, Actor.of(command.actor()), id)
                    .inEnv(UUID.fromString(task.getString("env_id")))
                    .with(new JsonObject().put("from", before).put("to", status))).map(task))));
  }

  /** Where a task is and who asked for it, for the permissions module's decisions. */
  public Future<TaskPlace> locate(UUID id) {
    return pool.preparedQuery("""
            SELECT deployment_id, env_id, kind_id, acting_user_id, acting_bot_id, acting_deployment_id
            FROM deployment_tasks WHERE id = $1""")
        .execute(Tuple.of(id))
        .map(rows -> {
          Row row = Rows.one(rows, "deployment task");
          Map<IdentityKind, UUID> createdBy = new EnumMap<>(IdentityKind.class);
          for (IdentityKind kind : IdentityKind.values()) {
            UUID creator = row.getUUID("acting_" + kind.name().toLowerCase(Locale.ROOT) + "_id");
            if (creator != null) {
              createdBy.put(kind, creator);
            }
          }
          return new TaskPlace(row.getUUID("deployment_id"), row.getUUID("env_id"), row.getUUID("kind_id"), createdBy);
        });
  }

  private static String audited(String reason) {
    return reason == null || reason.codePointCount(0, reason.length()) <= AUDITED_REASON ? reason
        : reason.substring(0, reason.offsetByCodePoints(0, AUDITED_REASON)) + "…";
  }

  private static Future<String> lockStatus(Tx tx, UUID id) {
    return tx.sql().preparedQuery("SELECT status FROM deployment_tasks WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, "deployment task").getString("status"));
  }

  static JsonObject toJson(Row row) {
    JsonObject json = new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("deployment_id", Columns.uuid(row, "deployment_id"))
        .put("env_id", Columns.uuid(row, "env_id"))
        .put("operation", (JsonObject) row.getValue("operation"))
        .put("status", row.getString("status"))
        .put("reason", row.getString("reason"));
    for (String column : List.of("acting_user_id", "acting_bot_id", "acting_deployment_id", "canceled_by_user_id",
        "canceled_by_bot_id", "canceled_by_deployment_id")) {
      json.put(column, Columns.uuid(row, column));
    }
    return json.put("started_at", Columns.time(row, "started_at")).put("finished_at", Columns.time(row, "finished_at"));
  }
}
