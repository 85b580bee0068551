package io.platz.deployments;

import io.platz.common.bus.Addresses;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/** The deployments module's verticle. */
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
    return Future.succeededFuture();
  }
}
