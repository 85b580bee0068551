package io.platz.deployments;

import io.platz.deployments.deployments.DeploymentPages;
import io.platz.persistence.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.pubsub.PgSubscriber;

/** Listens, once per process, for deployments changed elsewhere, to keep this process's cached pages true. */
public final class DeploymentChangesVerticle extends VerticleBase {

  private final ModuleContext context;
  private final DeploymentPages pages;
  private PgSubscriber changes;

  public DeploymentChangesVerticle(ModuleContext context, DeploymentPages pages) {
    this.context = context;
    this.pages = pages;
  }

  @Override
  public Future<?> start() {
    changes = pages.listen(vertx, context.database().connectOptions());
    return changes.connect();
  }

  @Override
  public Future<?> stop() {
    return changes.close();
  }
}
