package io.platz.audit.chain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.platz.common.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * A consumer of {@code platz.audit.events} that measures how long an event took from its transaction to a
 * consumer: {@code platz_audit_delivery_seconds} on {@code /metrics}, with its median and 99th percentile. The
 * clock starts when the event's transaction committed, where PostgreSQL tracks commit timestamps (the embedded one
 * does; the pump sends the time as a header). Elsewhere it starts at {@code occurred_at}, the start of the event's
 * transaction, and the figure bounds the commit-to-consumer time from above.
 */
public final class DeliveryLag {

  private DeliveryLag() {
  }

  public static void measure(Vertx vertx, MeterRegistry registry) {
    Timer lag = Timer.builder("platz.audit.delivery")
        .description("time from an audit event's commit to a consumer on the event bus")
        .publishPercentiles(0.5, 0.99)
        .distributionStatisticExpiry(Duration.ofMinutes(1))
        // cumulative buckets too, so that the figures of any stretch of time can be had from two scrapes; one bound
        // at the 100 ms that consumers are promised
        .publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(100))
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_EVENTS, message -> {
      String committed = message.headers().get(AuditPump.COMMITTED_AT);
      Instant since = Instant.parse(committed != null ? committed : message.body().getString("occurred_at"));
      lag.record(Duration.between(since, Instant.now()));
    });
  }
}
