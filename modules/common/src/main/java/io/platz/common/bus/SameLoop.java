package io.platz.common.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a request to a consumer on the sender's own event loop when that loop has one, and to the shared address
 * otherwise.
 *
 * <p>Why: the hot modules run one verticle instance per event loop, beside one HTTP verticle instance per loop,
 * but the event bus picks among an address's consumers round-robin, so most requests used to cross to another
 * event loop and their replies to cross back: two hand-offs between threads per hop, each a wake-up. Measured side
 * by side on 2 cores (docs/performance.md), answering on the sender's loop took {@code GET /auth/me} from 30–36k to
 * 37–41k requests/s and a page of deployments from 13k to 20–25k.
 *
 * <p>The price: a request's work stays on the loop whose HTTP connection brought it, so load spreads over the loops
 * as connections do, not request by request. With fewer busy connections than loops (one client, a proxy holding
 * one connection) some loops idle, and a loop busy with heavy requests cannot hand work to another.
 *
 * <p>A module consumer on an event loop is registered twice: on its shared address, and on a loop's own address
 * ({@code <address>@local-<n>}, n counting registrations). The loop addresses are derived, never written down:
 * messages and replies are those of the shared address. A sender on a thread with no such consumer (a worker, a
 * test, a loop whose consumer was undeployed) uses the shared address.
 *
 * <p>Both registrations are local to this process, and requests are sent {@link #LOCAL}: on a clustered bus a
 * consumer registered for the cluster would take requests from other instances round-robin, and a request sent for
 * the cluster would look up the address's members in the cluster and could be answered by another JVM (or by a
 * member that registered the address to intercept it). A module's requests are answered in the process that asked.
 */
public final class SameLoop {

  /** For every request to a module: answered in this process, never by another member of a cluster. */
  public static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private static final AtomicLong NEXT = new AtomicLong();
  /** Per event-loop thread: shared address → this loop's local consumer. Only its own thread reads or writes it. */
  private static final ThreadLocal<Map<String, MessageConsumer<?>>> LOOP_CONSUMERS = ThreadLocal.withInitial(HashMap::new);

  private SameLoop() {
  }

  /**
   * Registers {@code handler} on {@code address} for this process and, when called on an event loop, also for
   * requests sent from this loop through {@link #address}. Completes when both are registered.
   */
  public static <T> Future<Void> consumer(EventBus bus, String address, Handler<Message<T>> handler) {
    Future<Void> shared = bus.<T>localConsumer(address, handler).completion();
    // on the loop's own thread, not merely its context: executeBlocking runs an event-loop context on a worker
    if (!Context.isOnEventLoopThread() || Vertx.currentContext() == null) {
      return shared;
    }
    MessageConsumer<T> local = bus.localConsumer(address + "@local-" + NEXT.incrementAndGet(), handler);
    LOOP_CONSUMERS.get().put(address, local);
    return Future.all(shared, local.completion()).mapEmpty();
  }

  /** A module request's options: {@link #LOCAL}, with this timeout. */
  public static DeliveryOptions local(long timeoutMillis) {
    return new DeliveryOptions(LOCAL.toJson()).setSendTimeout(timeoutMillis);
  }

  /** Where to send a request for {@code address} from the calling thread. */
  public static String address(String address) {
    Map<String, MessageConsumer<?>> here = LOOP_CONSUMERS.get();
    MessageConsumer<?> local = here.get(address);
    if (local == null) {
      return address;
    }
    if (!local.isRegistered()) {
      // undeployed: forget it, so that it does not keep its verticle reachable for the life of the thread
      here.remove(address);
      return address;
    }
    return local.address();
  }
}
