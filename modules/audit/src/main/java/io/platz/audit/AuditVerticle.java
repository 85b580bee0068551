package io.platz.audit;

import io.platz.audit.api.AuditTrail;
import io.platz.audit.chain.AuditChain;
import io.platz.audit.chain.AuditPump;
import io.platz.audit.chain.CheckpointKeeper;
import io.platz.audit.chain.Checkpoints;
import io.platz.audit.chain.DeliveryLag;
import io.platz.audit.chain.EventMac;
import io.platz.common.audit.AuditRequests.AuditCommand;
import io.platz.common.bus.Health;
import io.platz.persistence.Database;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/**
 * The audit trail's verticle: it pumps committed events into the chain and onto the event bus (woken by each
 * transaction that recorded some, and every half second for whatever other processes wrote or a crash left
 * behind), and serves the events to the API.
 */
public final class AuditVerticle extends ModuleVerticle {

  private static final long SWEEP_MS = 500;
  /**
   * How long the database waits for a silent pump before it ends the pump's session, and so frees the pump's lock
   * for another instance: a few sweeps, so that a live pump (which uses its connection at every sweep) never meets
   * it, and short enough that events still reach consumers within 5 s when the publishing instance hangs or
   * its host dies.
   */
  private static final Duration PUMP_SILENCE_LIMIT = Duration.ofSeconds(3);

  private Pool pumpConnection;
  private AuditPump pump;
  private MessageConsumer<Object> wakes;
  private long sweep;

  public AuditVerticle(ModuleContext context) {
    super(context);
  }

  @Override
  protected Health.Component component() {
    return Health.Component.AUDIT;
  }

  @Override
  protected Future<?> register() {
    Checkpoints checkpoints = new Checkpoints(context.config().auditCheckpointFile(), context.keys().auditCheckpointKey());
    return CheckpointKeeper.load(vertx, checkpoints).onSuccess(keeper -> {
      pumpConnection = Database.dedicated(vertx, context.database(), "platz audit pump", PUMP_SILENCE_LIMIT);
      pump = new AuditPump(vertx, pumpConnection, new AuditChain(context.keys().auditKey()),
          new EventMac(context.keys().auditEventKey()), keeper, context.metrics());
      AuditEvents events = new AuditEvents(pool);
      serveCommands(AuditCommand.class, (operation, command) -> switch (operation) {
        case LIST -> events.list(command);
      });
      wakes = vertx.eventBus().localConsumer(AuditTrail.APPENDED, appended -> pump.wake());
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
