package io.platz.deployments;

import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Health;
import io.platz.common.deployments.DeploymentsRequests.DeploymentsCommand;
import io.platz.common.deployments.DeploymentsRequests.LocateDeployment;
import io.platz.common.deployments.DeploymentsRequests.LocateTask;
import io.platz.deployments.deployments.DeploymentCommands;
import io.platz.deployments.deployments.DeploymentReads;
import io.platz.deployments.tasks.TaskCommands;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.platz.persistence.sql.PageRequest;
import io.vertx.core.Future;

/** Deployments and their tasks, served on the bus. */
public final class DeploymentsVerticle extends ModuleVerticle {

  /** What a deployment or task holds beside its config or operation: a text of up to 20,000 characters, names, ids. */
  private static final int TEXT_BYTES = 96 * 1024;

  private final DeploymentReads reads;

  public DeploymentsVerticle(ModuleContext context, DeploymentReads reads) {
    super(context);
    this.reads = reads;
  }

  @Override
  protected Health.Component component() {
    return Health.Component.DEPLOYMENTS;
  }

  @Override
  protected Future<?> register() {
    AuditTrail audit = new AuditTrail(vertx, context.keys());
    int maxConfigBytes = context.config().maxConfigBytes();
    int maxPerPage = PageRequest.maxPerPage(maxConfigBytes + TEXT_BYTES);
    DeploymentCommands deployments = new DeploymentCommands(pool, audit, bus, reads,
        context.keys().digestKey(), maxConfigBytes, maxPerPage);
    TaskCommands tasks = new TaskCommands(pool, audit, maxConfigBytes, maxPerPage);
    serveCommands(DeploymentsCommand.class, (operation, command) -> switch (operation) {
      case LIST -> deployments.list(command);
      case GET -> deployments.get(command);
      case CREATE -> deployments.create(command);
      case UPDATE -> deployments.update(command);
      case DELETE -> deployments.delete(command);
      case TASKS_LIST -> tasks.list(command);
      case TASKS_GET -> tasks.get(command);
      case TASKS_CREATE -> tasks.create(command);
      case TASKS_CANCEL -> tasks.cancel(command);
      case TASKS_ADVANCE -> tasks.advance(command);
    });
    serve(LocateDeployment.class, request -> deployments.locate(request.id()));
    serve(LocateTask.class, request -> tasks.locate(request.id()));
    return Future.succeededFuture();
  }
}
