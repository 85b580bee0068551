package io.platz.persistence;

import io.platz.common.bus.Command;
import io.platz.common.bus.Health;
import io.platz.common.bus.ModuleBus;
import io.platz.common.bus.ModuleCommand;
import io.platz.common.bus.Operation;
import io.platz.common.bus.Request;
import io.platz.persistence.bus.BusHandlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A module's verticle: it holds a handle on the shared pool, answers {@link Health} for its component and serves
 * the request types it registers in {@link #register()}. Deployment completes once every consumer is registered,
 * so nothing is asked of it before its handler exists.
 */
public abstract class ModuleVerticle extends VerticleBase {

  protected final ModuleContext context;
  protected Pool pool;
  protected ModuleBus bus;
  private final List<Future<Void>> registrations = new ArrayList<>();

  protected ModuleVerticle(ModuleContext context) {
    this.context = context;
  }

  /** Which verticle answers "are you ready?" here. */
  protected abstract Health.Component component();

  /** Registers the module's consumers with {@link #serve}; may also start timers. */
  protected abstract Future<?> register();

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, context.database(), context.config().databasePoolSize());
    bus = new ModuleBus(vertx.eventBus());
    registrations.add(bus.serve(component(), BusHandlers.guarded(component().checkName(),
        health -> DatabaseHealth.check(pool, context.schemaVersion()).map(ready -> new JsonObject().put("status", "UP")))));
    return register().compose(done -> Future.all(registrations));
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  protected <Q extends Request<?>> void serve(Class<Q> type, Function<Q, Future<?>> handler) {
    registrations.add(bus.serve(type, BusHandlers.guarded(type.getSimpleName(), handler)));
  }

  /**
   * Serves the module's operations of the HTTP API. The answer is the HTTP body, so it travels encoded: one
   * encoding here instead of a deep copy on the bus and an encoding in the HTTP verticle.
   */
  protected <O extends Operation> void serveCommands(Class<? extends ModuleCommand<O>> type,
                                                     BiFunction<O, Command, Future<?>> handler) {
    serve(type, request -> handler.apply(request.operation(), request.command()).map(ModuleVerticle::encoded));
  }

  private static Object encoded(Object answer) {
    return answer instanceof JsonObject json ? json.toBuffer() : answer;
  }
}
