package io.platz.app.support;

import io.platz.audit.chain.AuditPump;
import io.platz.common.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A consumer of {@code platz.audit.events} in the server's JVM, the way an embedding application would subscribe. */
public final class AuditConsumer {

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final Map<Long, String> committedAt = new ConcurrentHashMap<>();

  public void subscribe(Vertx vertx) {
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_EVENTS, message -> {
      String committed = message.headers().get(AuditPump.COMMITTED_AT);
      if (committed != null) {
        committedAt.put(message.body().getLong("seq"), committed);
      }
      received.add(message.body());
    });
  }

  /** The {@code committed_at} header the event with this seq arrived with, if any. */
  public Optional<String> committedAt(long seq) {
    return Optional.ofNullable(committedAt.get(seq));
  }

  public List<JsonObject> received() {
    return List.copyOf(received);
  }

  public List<Long> seqs() {
    return received.stream().map(event -> event.getLong("seq")).toList();
  }

  /** Waits until an event with at least this seq has arrived. */
  public void awaitSeq(long seq) {
    List<Long> seen = Eventually.read(this::seqs, seqs -> seqs.stream().anyMatch(s -> s >= seq));
    if (seen.stream().noneMatch(s -> s >= seq)) {
      throw new AssertionError("no audit event with seq >= " + seq + " within " + Eventually.PATIENCE + "; got " + seen);
    }
  }
}
