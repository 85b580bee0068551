package io.platz.persistence.bus;

import io.platz.common.bus.SameLoop;
import io.platz.common.error.ApiError;
import io.platz.persistence.DbErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an event-bus address: the handler's result is the reply; a failure is replied as
 * {@code fail(status, message)} with the status of its {@link ApiError}. Unexpected failures are logged here,
 * once, and answered as a bare 500 so that no internal detail travels.
 */
public final class BusHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(BusHandlers.class);
  private static final long WARN_EVERY_NANOS = 5_000_000_000L;
  private static final AtomicLong LAST_WARNING = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private static final AtomicLong UNWARNED = new AtomicLong();

  private BusHandlers() {
  }

  /** Completes once the consumers are registered: on the shared address, and for this event loop's own senders. */
  public static Future<Void> serve(EventBus bus, String address, Function<JsonObject, Future<?>> handler) {
    return SameLoop.<JsonObject>consumer(bus, address, message -> handle(address, message, handler));
  }

  /** An outage fails every request: one line every few seconds says so, with how many it stood for. */
  private static void warnUnavailable(String address, Throwable failure) {
    long now = System.nanoTime();
    long last = LAST_WARNING.get();
    if (now - last >= WARN_EVERY_NANOS && LAST_WARNING.compareAndSet(last, now)) {
      LOG.warn("{}: database unavailable ({} more such failures since the last warning): {}", address,
          UNWARNED.getAndSet(0), failure.toString());
    } else {
      UNWARNED.incrementAndGet();
    }
  }

  private static void handle(String address, Message<JsonObject> message, Function<JsonObject, Future<?>> handler) {
    Future<?> result;
    try {
      result = handler.apply(message.body() == null ? new JsonObject() : message.body());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        message::reply,
        failure -> {
          ApiError error = DbErrors.toApiError(failure);
          if (error.status() == 500) {
            LOG.error("{} failed", address, failure);
          } else if (error.status() == 503 && !(failure instanceof ApiError) && !(failure instanceof ReplyException)) {
            warnUnavailable(address, failure);
          }
          message.fail(error.status(), error.getMessage());
        });
  }
}
