package io.platz.persistence;

import io.platz.common.bus.Command;
import io.platz.persistence.bus.BusHandlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A module's verticle: it holds a handle on the shared pool, answers its health address and serves the
 * addresses it registers in {@link #register()}. Deployment completes once every consumer is registered,
 * so nothing is sent to an address before its handler exists.
 */
public abstract class ModuleVerticle extends VerticleBase {

  protected final ModuleContext context;
  protected Pool pool;
  private final List<Future<Void>> registrations = new ArrayList<>();

  protected ModuleVerticle(ModuleContext context) {
    this.context = context;
  }

  /** The address on which this module answers "are you ready?". */
  protected abstract String healthAddress();

  /** Registers the module's consumers with {@link #serve}; may also start timers. */
  protected abstract Future<?> register();

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, context.database(), context.config().databasePoolSize());
    serve(healthAddress(), request -> DatabaseHealth.check(pool, context.schemaVersion())
        .map(ready -> new JsonObject().put("status", "UP")));
    return register().compose(done -> Future.all(registrations));
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  protected void serve(String address, Function<JsonObject, Future<?>> handler) {
    registrations.add(BusHandlers.serve(vertx.eventBus(), address, handler));
  }

  /**
   * Serves an address whose requests are {@link Command}s from the HTTP verticle. The answer is the HTTP body,
   * so it travels encoded: one encoding here instead of a deep copy on the bus and an encoding in the HTTP verticle.
   */
  protected void serveCommand(String address, Function<Command, Future<?>> handler) {
    serve(address, request -> handler.apply(Command.fromJson(request)).map(ModuleVerticle::encoded));
  }

  private static Object encoded(Object answer) {
    return answer instanceof JsonObject json ? json.toBuffer() : answer;
  }
}
