package io.platz.deployments;

import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Addresses;
import io.platz.deployments.deployments.DeploymentCommands;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/** Deployments (and, with the audit work, their tasks), served on the bus. */
public final class DeploymentsVerticle extends ModuleVerticle {

  public DeploymentsVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected String healthAddress() {
    return Addresses.Deployments.HEALTH;
  }

  @Override
  protected Future<?> register() {
    DeploymentCommands deployments = new DeploymentCommands(pool, new AuditTrail(vertx));
    serveCommand(Addresses.Deployments.LIST, deployments::list);
    serveCommand(Addresses.Deployments.GET, deployments::get);
    serveCommand(Addresses.Deployments.CREATE, deployments::create);
    serveCommand(Addresses.Deployments.UPDATE, deployments::update);
    serveCommand(Addresses.Deployments.DELETE, deployments::delete);
    serve(Addresses.Deployments.LOCATE, deployments::locate);
    return Future.succeededFuture();
  }
}
