package io.platz.permissions;

import io.platz.common.bus.Addresses;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/** The permissions module's verticle. */
public final class PermissionsVerticle extends ModuleVerticle {

  public PermissionsVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected String healthAddress() {
    return Addresses.Permissions.HEALTH;
  }

  @Override
  protected Future<?> register() {
    return Future.succeededFuture();
  }
}
