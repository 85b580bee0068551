package io.platz.permissions;

import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Health;
import io.platz.common.permissions.PermissionsRequests.AccessCommand;
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
  protected Health.Component component() {
    return Health.Component.ACCESS;
  }

  @Override
  protected Future<?> register() {
    AuditTrail audit = new AuditTrail(vertx, context.keys());
    EnvCommands envs = new EnvCommands(pool, audit, grants);
    KindCommands kinds = new KindCommands(pool, audit, grants, kindCache);
    GrantCommands envRoles = new GrantCommands(GrantFamily.ENV_ROLE, pool, audit, grants, bus);
    GrantCommands deploymentRoles = new GrantCommands(GrantFamily.DEPLOYMENT_ROLE, pool, audit, grants, bus);

    serveCommands(AccessCommand.class, (operation, command) -> switch (operation) {
      case ENVS_LIST -> envs.list(command);
      case ENVS_GET -> envs.get(command);
      case ENVS_CREATE -> envs.create(command);
      case ENVS_UPDATE -> envs.update(command);
      case ENVS_DELETE -> envs.delete(command);
      case ENV_ROLES_LIST -> envRoles.list(command);
      case ENV_ROLES_GET -> envRoles.get(command);
      case ENV_ROLES_GRANT -> envRoles.grant(command);
      case ENV_ROLES_REMOVE -> envRoles.remove(command);
      case KINDS_LIST -> kinds.list(command);
      case KINDS_GET -> kinds.get(command);
      case KINDS_CREATE -> kinds.create(command);
      case KINDS_UPDATE -> kinds.update(command);
      case KINDS_DELETE -> kinds.delete(command);
      case DEPLOYMENT_ROLES_LIST -> deploymentRoles.list(command);
      case DEPLOYMENT_ROLES_GET -> deploymentRoles.get(command);
      case DEPLOYMENT_ROLES_GRANT -> deploymentRoles.grant(command);
      case DEPLOYMENT_ROLES_REMOVE -> deploymentRoles.remove(command);
    });

    grantChanges = grants.listen(vertx, context.notifications());
    kindChanges = kindCache.listen(vertx, context.notifications());
    return Future.all(grantChanges.connect(), kindChanges.connect());
  }

  @Override
  public Future<?> stop() {
    return Future.join(grantChanges.close(), kindChanges.close()).otherwiseEmpty().eventually(super::stop);
  }

}
