package io.platz.persistence.cluster;

import io.micrometer.core.instrument.Counter;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.ModuleBus;
import io.platz.persistence.Database;
import io.platz.persistence.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation on every instance before the 2xx. Other instances learn of a change through PostgreSQL NOTIFY, which
 * arrives a little after the commit; so after each write transaction commits, and before its caller answers, the
 * writing instance asks every member of the cluster for a barrier. Each one sends a NOTIFY of its own and answers
 * once each of its listeners has received it: PostgreSQL delivers a listener's notifications in commit order, so by
 * then every notification of the committed change (triggers' included) has been applied there.
 *
 * <p>A member that does not answer within {@link #ANSWER_WITHIN_MS} is logged and counted
 * ({@code platz_cluster_barrier_unanswered_total}), and the write is answered anyway: that member's caches are then
 * bounded by the maximum age of their entries and by the flush when its LISTEN connection is lost. A member that
 * serves no barrier (a program that is not Platz) holds no Platz cache and is skipped.
 */
public final class ClusterBarrier extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterBarrier.class);
  static final long ANSWER_WITHIN_MS = 2_000;

  private final ModuleContext context;
  private Pool pool;
  private ClusterManager cluster;
  private Counter unanswered;

  public ClusterBarrier(ModuleContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, context.database(), context.config().databasePoolSize());
    cluster = ((VertxInternal) vertx).clusterManager();
    unanswered = Counter.builder("platz.cluster.barrier.unanswered")
        .description("cluster members that did not confirm a write's evictions in time").register(context.metrics());
    MessageConsumer<JsonObject> member = vertx.eventBus().consumer(Addresses.clusterBarrierOf(cluster.getNodeId()),
        request -> context.notifications().barrier(pool).onComplete(done -> request.reply(null),
            failure -> request.fail(503, "barrier failed: " + failure.getMessage())));
    return Future.all(member.completion(), new ModuleBus(vertx.eventBus()).serve(AwaitEvictions.class, request -> everyMember()));
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  private Future<Void> everyMember() {
    List<Future<Object>> answers = cluster.getNodes().stream().map(node -> vertx.eventBus()
            .request(Addresses.clusterBarrierOf(node), null, new DeliveryOptions().setSendTimeout(ANSWER_WITHIN_MS))
            .map(reply -> reply.body())
            .recover(failure -> {
              if (!(failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS)) {
                unanswered.increment();
                LOG.warn("cluster member {} did not confirm a write's cache evictions: {}", node, failure.toString());
              }
              return Future.succeededFuture();
            }))
        .toList();
    return Future.all(answers).mapEmpty();
  }
}
