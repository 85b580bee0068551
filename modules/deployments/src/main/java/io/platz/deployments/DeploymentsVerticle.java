package io.platz.deployments;

import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Addresses;
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
  protected String healthAddress() {
    return Addresses.Deployments.HEALTH;
  }

  @Override
  protected Future<?> register() {
    AuditTrail audit = new AuditTrail(vertx, context.keys());
    int maxConfigBytes = context.config().maxConfigBytes();
    int maxPerPage = PageRequest.maxPerPage(maxConfigBytes + TEXT_BYTES);
    DeploymentCommands deployments = new DeploymentCommands(pool, audit, vertx.eventBus(), reads,
        context.keys().digestKey(), maxConfigBytes, maxPerPage);
    TaskCommands tasks = new TaskCommands(pool, audit, maxConfigBytes, maxPerPage);
    serveCommand(Addresses.Deployments.LIST, deployments::list);
    serveCommand(Addresses.Deployments.GET, deployments::get);
    serveCommand(Addresses.Deployments.CREATE, deployments::create);
    serveCommand(Addresses.Deployments.UPDATE, deployments::update);
    serveCommand(Addresses.Deployments.DELETE, deployments::delete);
    serve(Addresses.Deployments.LOCATE, deployments::locate);
    serveCommand(Addresses.Deployments.TASKS_LIST, tasks::list);
    serveCommand(Addresses.Deployments.TASKS_GET, tasks::get);
    serveCommand(Addresses.Deployments.TASKS_CREATE, tasks::create);
    serveCommand(Addresses.Deployments.TASKS_CANCEL, tasks::cancel);
    serveCommand(Addresses.Deployments.TASKS_ADVANCE, tasks::advance);
    serve(Addresses.Deployments.TASKS_LOCATE, tasks::locate);
    return Future.succeededFuture();
  }
}
