package io.platz.permissions;

import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Addresses;
import io.platz.permissions.envs.EnvCommands;
import io.platz.permissions.envs.KindCache;
import io.platz.permissions.envs.KindCommands;
import io.platz.permissions.grants.GrantCache;
import io.platz.permissions.grants.GrantCommands;
import io.platz.permissions.grants.GrantFamily;
import io.platz.persistence.Listener;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;

/**
 * Manages envs, deployment kinds and grants; one instance per process. It also listens for grant and kind changes
 * made by other processes (and by the database's own triggers), to keep this process's caches true.
 */
public final class AccessVerticle extends ModuleVerticle {

  private final GrantCache grants;
  private final KindCache kindCache;
  private Listener grantChanges;
  private Listener kindChanges;

  public AccessVerticle(ModuleContext context, GrantCache grants, KindCache kindCache) {
    super(context);
    this.grants = grants;
    this.kindCache = kindCache;
  }

  @Override
  protected String healthAddress() {
    return Addresses.Permissions.ACCESS_HEALTH;
  }

  @Override
  protected Future<?> register() {
    AuditTrail audit = new AuditTrail(vertx, context.keys());
    EnvCommands envs = new EnvCommands(pool, audit, grants);
    KindCommands kinds = new KindCommands(pool, audit, grants, kindCache);
    GrantCommands envRoles = new GrantCommands(GrantFamily.ENV_ROLE, pool, audit, grants, vertx.eventBus());
    GrantCommands deploymentRoles = new GrantCommands(GrantFamily.DEPLOYMENT_ROLE, pool, audit, grants, vertx.eventBus());

    serveCommand(Addresses.Permissions.ENVS_LIST, envs::list);
    serveCommand(Addresses.Permissions.ENVS_GET, envs::get);
    serveCommand(Addresses.Permissions.ENVS_CREATE, envs::create);
    serveCommand(Addresses.Permissions.ENVS_UPDATE, envs::update);
    serveCommand(Addresses.Permissions.ENVS_DELETE, envs::delete);
    serveCommand(Addresses.Permissions.ENV_ROLES_LIST, envRoles::list);
    serveCommand(Addresses.Permissions.ENV_ROLES_GET, envRoles::get);
    serveCommand(Addresses.Permissions.ENV_ROLES_GRANT, envRoles::grant);
    serveCommand(Addresses.Permissions.ENV_ROLES_REMOVE, envRoles::remove);
    serveCommand(Addresses.Permissions.KINDS_LIST, kinds::list);
    serveCommand(Addresses.Permissions.KINDS_GET, kinds::get);
    serveCommand(Addresses.Permissions.KINDS_CREATE, kinds::create);
    serveCommand(Addresses.Permissions.KINDS_UPDATE, kinds::update);
    serveCommand(Addresses.Permissions.KINDS_DELETE, kinds::delete);
    serveCommand(Addresses.Permissions.DEPLOYMENT_ROLES_LIST, deploymentRoles::list);
    serveCommand(Addresses.Permissions.DEPLOYMENT_ROLES_GET, deploymentRoles::get);
    serveCommand(Addresses.Permissions.DEPLOYMENT_ROLES_GRANT, deploymentRoles::grant);
    serveCommand(Addresses.Permissions.DEPLOYMENT_ROLES_REMOVE, deploymentRoles::remove);

    grantChanges = grants.listen(vertx, context.notifications());
    kindChanges = kindCache.listen(vertx, context.notifications());
    return Future.all(grantChanges.connect(), kindChanges.connect());
  }

  @Override
  public Future<?> stop() {
    return Future.join(grantChanges.close(), kindChanges.close()).otherwiseEmpty().eventually(super::stop);
  }

}
