package io.platz.persistence.bus;

import io.platz.common.error.ApiError;
import io.platz.common.future.Futures;
import io.platz.persistence.DbErrors;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a module's handler fails with, as the asker should hear it: the {@link ApiError} the failure maps to
 * (a refused statement 409 or 400, a lost database 503). Unexpected failures are logged here, once, and answered
 * as a bare 500 so that no internal detail travels.
 */
public final class BusHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(BusHandlers.class);
  private static final long WARN_EVERY_NANOS = 5_000_000_000L;
  private static final AtomicLong LAST_WARNING = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private static final AtomicLong UNWARNED = new AtomicLong();

  private BusHandlers() {
  }

  /** {@code handler}, failing only with {@link ApiError}s; {@code what} names it in the log. */
  public static <Q> Function<Q, Future<?>> guarded(String what, Function<Q, Future<?>> handler) {
    // an Error too, so that it is logged with its stack rather than answered as a bare 500
    return request -> Futures.applied(handler, request).recover(failure -> Future.failedFuture(answered(what, failure)));
  }

  private static ApiError answered(String what, Throwable failure) {
    ApiError error = DbErrors.toApiError(failure);
    if (error.status() == 500) {
      LOG.error("{} failed", what, failure);
    } else if (error.status() == 503 && !(failure instanceof ApiError)) {
      warnUnavailable(what, failure);
    }
    return error;
  }

  /** An outage fails every request: one line every few seconds says so, with how many it stood for. */
  private static void warnUnavailable(String what, Throwable failure) {
    long now = System.nanoTime();
    long last = LAST_WARNING.get();
    if (now - last >= WARN_EVERY_NANOS && LAST_WARNING.compareAndSet(last, now)) {
      LOG.warn("{}: database unavailable ({} more such failures since the last warning): {}", what,
          UNWARNED.getAndSet(0), failure.toString());
    } else {
      UNWARNED.incrementAndGet();
    }
  }
}
