package io.platz.auth;

import io.platz.common.bus.Addresses;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/** The auth module's verticle. */
public final class AuthVerticle extends ModuleVerticle {

  public AuthVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected String healthAddress() {
    return Addresses.Auth.HEALTH;
  }

  @Override
  protected Future<?> register() {
    return Future.succeededFuture();
  }
}
