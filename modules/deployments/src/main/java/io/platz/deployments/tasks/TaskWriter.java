package io.platz.deployments.tasks;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail.About;
import io.platz.audit.api.AuditTrail;
import io.platz.common.auth.Identity;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.error.ApiError;
import io.platz.persistence.DbErrors;
import io.platz.persistence.sql.NamedParameters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Writes new tasks, each with its audit event, several to a statement when they arrive together: group commit.
 * A few statements are in flight at most; tasks that arrive meanwhile wait and go together in the next one. At rest
 * a task is written at once and alone; under load one commit carries many, and a commit (its round trip, snapshot
 * and WAL flush) is most of what a task costs PostgreSQL. Nothing is answered before its statement commits.
 * Event loop only: each verticle instance has its own writer.
 */
final class TaskWriter {

  /** Enough statements to keep PostgreSQL busy while others wait for their flush; few enough to leave the pool to reads. */
  private static final int IN_FLIGHT = 4;
  private static final int BATCH = 32;
  /** As the pool's own wait queue: under an outage a task fails promptly with 503 rather than queue without end. */
  private static final int MAX_WAITING = 4096;
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final String INSERT = """
      INSERT INTO deployment_tasks (id, deployment_id, env_id, kind_id, operation, acting_user_id, acting_bot_id,
                                    acting_deployment_id)
      SELECT t.id, d.id, d.env_id, d.kind_id, t.operation, t.acting_user_id, t.acting_bot_id, t.acting_deployment_id
      FROM unnest(:task_ids::uuid[], :deployment_ids::uuid[], :operations::jsonb[], :acting_user_ids::uuid[],
                  :acting_bot_ids::uuid[], :acting_deployment_ids::uuid[])
           AS t(id, deployment_id, operation, acting_user_id, acting_bot_id, acting_deployment_id)
      JOIN deployments d ON d.id = t.deployment_id AND d.deleted_at IS NULL
      RETURNING *""";
  private static final AuditTrail.RowEvents CREATED =
      new AuditTrail.RowEvents(AuditEventType.TASK_CREATED, "env_id", "id");

  private final Pool pool;
  private final AuditTrail audit;
  private final Queue<NewTask> waiting = new ArrayDeque<>();
  private int inFlight;

  TaskWriter(Pool pool, AuditTrail audit) {
    this.pool = pool;
    this.audit = audit;
  }

  /** The task's row once committed, or a 404 if its deployment is gone (or never was). */
  Future<Row> write(UUID deployment, TaskOperation operation, Identity actor) {
    if (waiting.size() >= MAX_WAITING) {
      return Future.failedFuture(ApiError.unavailable("too many tasks are waiting for the database; try again"));
    }
    NewTask task = new NewTask(UUID.randomUUID(), deployment, operation, actor, System.nanoTime(), Promise.promise());
    waiting.add(task);
    flush();
    return task.written().future();
  }

  private void flush() {
    while (inFlight < IN_FLIGHT && !waiting.isEmpty()) {
      List<NewTask> batch = new ArrayList<>();
      while (batch.size() < BATCH && !waiting.isEmpty()) {
        NewTask task = waiting.poll();
        if (System.nanoTime() - task.queuedAt() > MAX_WAIT_NANOS) {
          // its caller is about to give up; written now, it could be retried and run twice
          task.written().tryFail(ApiError.unavailable("the database did not take the task in time; try again"));
        } else {
          batch.add(task);
        }
      }
      if (batch.isEmpty()) {
        continue;
      }
      inFlight++;
      insert(batch).onComplete(done -> {
        inFlight--;
        flush();
      });
    }
  }

  /**
   * Should the database refuse a shared statement for its data, each of its tasks is tried alone: one bad task fails
   * its own request only. Any other failure (the connection, a timeout) fails them all: retried, tasks whose statement
   * did commit unseen would be written twice.
   */
  private Future<Void> insert(List<NewTask> batch) {
    NamedParameters tasks = NamedParameters.of()
        .bind("task_ids", column(batch, NewTask::id))
        .bind("deployment_ids", column(batch, NewTask::deployment))
        .bind("operations", batch.stream().map(task -> task.operation().toJson()).toArray(JsonObject[]::new))
        .bind("acting_user_ids", column(batch, task -> task.actor().isUser() ? task.actor().id() : null))
        .bind("acting_bot_ids", column(batch, task -> task.actor().isBot() ? task.actor().id() : null))
        .bind("acting_deployment_ids", column(batch, task -> task.actor().isDeployment() ? task.actor().id() : null));
    return audit.change(pool, INSERT, tasks, CREATED, batch.stream().map(NewTask::about).toList())
        .<Void>map(rows -> {
          Map<UUID, Row> written = new HashMap<>();
          rows.forEach(row -> written.put(row.getUUID("id"), row));
          for (NewTask task : batch) {
            Row row = written.get(task.id());
            if (row == null) {
              task.written().tryFail(ApiError.notFound("deployment"));
            } else {
              task.written().tryComplete(row);
            }
          }
          return null;
        })
        .recover(failure -> {
          if (batch.size() > 1 && DbErrors.isRefusedForItsData(failure)) {
            return Future.join(batch.stream().map(task -> insert(List.of(task))).toList()).mapEmpty();
          }
          batch.forEach(task -> task.written().tryFail(failure));
          return Future.succeededFuture();
        });
  }

  private static UUID[] column(List<NewTask> batch, Function<NewTask, UUID> value) {
    return batch.stream().map(value).toArray(UUID[]::new);
  }

  private record NewTask(UUID id, UUID deployment, TaskOperation operation, Identity actor, long queuedAt,
                         Promise<Row> written) {

    /** The task's audit event: what it is, never the operation's own fields (an action's body may hold secrets). */
    About about() {
      return new About(id, Actor.of(actor), new JsonObject().put("deployment_id", deployment.toString())
          .put("operation", operation.type()).put("action_id", operation.actionId()));
    }
  }
}
