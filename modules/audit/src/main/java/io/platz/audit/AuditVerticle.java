package io.platz.audit;

import io.platz.audit.chain.AuditChain;
import io.platz.audit.chain.AuditPump;
import io.platz.audit.chain.CheckpointKeeper;
import io.platz.audit.chain.Checkpoints;
import io.platz.audit.chain.DeliveryLag;
import io.platz.audit.chain.EventMac;
import io.platz.common.bus.Addresses;
import io.platz.persistence.Database;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;

/**
 * The audit trail's verticle: it pumps committed events into the chain and onto the event bus (woken by each
 * transaction that recorded some, and every half second for whatever other processes wrote or a crash left
 * behind), and serves the events to the API.
 */
public final class AuditVerticle extends ModuleVerticle {

  private static final long SWEEP_MS = 500;

  private Pool pumpConnection;
  private AuditPump pump;
  private MessageConsumer<Object> wakes;
  private long sweep;

  public AuditVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected String healthAddress() {
    return Addresses.Audit.HEALTH;
  }

  @Override
  protected Future<?> register() {
    Checkpoints checkpoints = new Checkpoints(context.config().auditCheckpointFile(), context.keys().auditCheckpointKey());
    return CheckpointKeeper.load(vertx, checkpoints).onSuccess(keeper -> {
      pumpConnection = Database.dedicated(vertx, context.database());
      pump = new AuditPump(vertx, pumpConnection, new AuditChain(context.keys().auditKey()),
          new EventMac(context.keys().auditEventKey()), keeper, context.metrics());
      serveCommand(Addresses.Audit.LIST, new AuditEvents(pool)::list);
      wakes = vertx.eventBus().localConsumer(Addresses.Audit.APPENDED, appended -> pump.wake());
      DeliveryLag.measure(vertx, context.metrics());
      sweep = vertx.setPeriodic(SWEEP_MS, tick -> pump.wake());
      pump.wake();
    });
  }

  @Override
  public Future<?> stop() {
    // no wake may start a pump on the closed connection: stop listening first, then let the last pump finish
    vertx.cancelTimer(sweep);
    return wakes.unregister().otherwiseEmpty()
        .compose(unregistered -> pump.stop())
        .eventually(pumpConnection::close)
        .eventually(super::stop);
  }
}
