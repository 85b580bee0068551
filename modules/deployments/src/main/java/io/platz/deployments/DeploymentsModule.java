package io.platz.deployments;

import io.platz.deployments.deployments.DeploymentReads;
import io.platz.persistence.ModuleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The deployments module's verticles and the page cache they share: the listener for changes made elsewhere
 * (one), then the verticles that serve the module's addresses (one per core: decoding rows and encoding pages of
 * JSON is most of a list's work).
 */
public final class DeploymentsModule {

  private DeploymentsModule() {
  }

  /** Deploys the module; answers the deployment ids, to undeploy in reverse order. */
  public static Future<List<String>> deploy(Vertx vertx, ModuleContext context, int instances) {
    DeploymentReads reads = new DeploymentReads();
    return vertx.deployVerticle(() -> new DeploymentChangesVerticle(context, reads), new DeploymentOptions())
        .compose(listener -> vertx.deployVerticle(() -> new DeploymentsVerticle(context, reads),
                new DeploymentOptions().setInstances(instances))
            .map(serving -> List.of(listener, serving)));
  }
}
