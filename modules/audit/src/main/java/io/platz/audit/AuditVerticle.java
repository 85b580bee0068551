package io.platz.audit;

import io.platz.common.bus.Addresses;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/** The audit module's verticle. */
public final class AuditVerticle extends ModuleVerticle {

  public AuditVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected String healthAddress() {
    return Addresses.Audit.HEALTH;
  }

  @Override
  protected Future<?> register() {
    return Future.succeededFuture();
  }
}
