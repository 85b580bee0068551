package io.platz.permissions;

import io.platz.permissions.envs.KindCache;
import io.platz.permissions.grants.GrantCache;
import io.platz.persistence.ModuleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** The permissions module's verticles and the caches they share: deciders (one per core) and one manager. */
public final class PermissionsModule {

  private static final int GRANT_CACHE_SIZE = 100_000;
  private static final int KIND_CACHE_SIZE = 10_000;

  private PermissionsModule() {
  }

  /** Deploys the module; answers the deployment ids, to undeploy in reverse order. */
  public static Future<List<String>> deploy(Vertx vertx, ModuleContext context, int deciders) {
    GrantCache grants = new GrantCache(GRANT_CACHE_SIZE, context.config().authCacheMaxAge());
    KindCache kinds = new KindCache(KIND_CACHE_SIZE, context.config().authCacheMaxAge());
    return vertx.deployVerticle(() -> new AccessVerticle(context, grants, kinds), new DeploymentOptions())
        .compose(access -> vertx.deployVerticle(() -> new PermissionsVerticle(context, grants, kinds),
                new DeploymentOptions().setInstances(deciders))
            .map(decider -> List.of(access, decider)));
  }
}
