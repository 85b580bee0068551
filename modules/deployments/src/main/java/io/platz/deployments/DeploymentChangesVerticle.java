package io.platz.deployments;

import io.platz.deployments.deployments.DeploymentReads;
import io.platz.persistence.Listener;
import io.platz.persistence.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Listens, once per process, for deployments changed elsewhere, to keep this process's cached reads true. */
public final class DeploymentChangesVerticle extends VerticleBase {

  private final ModuleContext context;
  private final DeploymentReads reads;
  private Listener changes;

  public DeploymentChangesVerticle(ModuleContext context, DeploymentReads reads) {
    this.context = context;
    this.reads = reads;
  }

  @Override
  public Future<?> start() {
    changes = reads.listen(vertx, context.notifications());
    return changes.connect();
  }

  @Override
  public Future<?> stop() {
    return changes.close().otherwiseEmpty();
  }
}
