package io.platz.common.bus;

import io.platz.common.error.ApiError;
import io.platz.common.future.Futures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.ContextInternal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one way modules ask each other: a {@link Request} record goes to the module that serves its type, in this
 * process, on the asker's own event loop when that loop has a consumer; the answer comes back as the type the
 * request names, and a refusal as an {@link ApiError} with the status it carries (no handler 503, no answer in
 * time 504). The address is derived from the request's type, so no caller spells one and none can forget the
 * routing below.
 *
 * <p>Local only: on a clustered bus a consumer registered for the cluster would take requests from other
 * instances round-robin, and a request sent for the cluster could be answered by another JVM (or by a member
 * that registered the address to intercept it). A module's requests are answered in the process that asked, so
 * they and their answers travel as they are, neither encoded nor copied ({@link LocalCodec}): the records, and
 * the answers the bus would otherwise copy on delivery, a command's encoded body ({@code Buffer}) and JSON. An
 * answer is built for its request and belongs to the asker once sent; the module that answers keeps no reference.
 *
 * <p>Same loop: the hot modules run one verticle instance per event loop, beside one HTTP verticle instance per
 * loop, but the event bus picks among an address's consumers round-robin, so most requests used to cross to
 * another event loop and their replies to cross back: two hand-offs between threads per hop, each a wake-up.
 * Measured side by side on 2 cores (docs/performance.md), answering on the sender's loop took
 * {@code GET /auth/me} from 30–36k to 37–41k requests/s and a page of deployments from 13k to 20–25k. The price:
 * a request's work stays on the loop whose HTTP connection brought it, so load spreads over the loops as
 * connections do, not request by request.
 *
 * <p>A consumer on an event loop is therefore registered twice: on its type's address, and on a loop's own
 * address ({@code <address>@local-<n>}, n counting registrations), derived, never written down. A sender on a
 * thread with no such consumer (a worker, a test, a loop whose consumer was undeployed) uses the shared address.
 *
 * <p>Sent from a context of no deployment: when the asker's context belongs to a deployment (the API verticle's,
 * for every HTTP request), Vert.x 5.0 adds a close hook to it for the reply's consumer on every request and, on the
 * reply, removes that one and tries to remove one for its timeout timer: three passes through the verticle's lock
 * and map of close hooks, and an identity hash taken under the consumer's own lock, which inflates its monitor. An
 * event loop's requests are therefore sent from a context of that same loop that belongs to no deployment, and the
 * answer is handed back on the asker's own context, so what follows the answer runs where it would have. A round
 * trip to a consumer on the same loop took 1.1–1.5 µs of the loop's CPU before and 0.6–1.0 after, in turns
 * ({@code scripts/bus-round-trip.sh}, docs/performance.md). What the hook did, unregister the reply's consumer when
 * the asker is undeployed, mattered little: its timer still ended the request with a 504, on the undeployed
 * context; now the answer ends it, or the timer.
 */
public final class ModuleBus {

  private static final AtomicLong NEXT = new AtomicLong();
  /** Per event-loop thread: shared address → this loop's local consumer. Only its own thread reads or writes it. */
  private static final ThreadLocal<Map<String, MessageConsumer<?>>> LOOP_CONSUMERS = ThreadLocal.withInitial(HashMap::new);

  /** Per event-loop thread: the context of no deployment on that loop that requests are sent from (see above). */
  private static final ThreadLocal<ContextInternal> SENDING = new ThreadLocal<>();

  /** How an answer is sent: by reference (see above). Never changed, so one instance serves every reply. */
  private static final DeliveryOptions ANSWER = new DeliveryOptions().setCodecName(LocalCodec.NAME);

  private final EventBus bus;

  public ModuleBus(EventBus bus) {
    this.bus = bus;
  }

  /** Once per Vert.x instance, before any module request is sent: the codec that carries them by reference. */
  public static void install(Vertx vertx) {
    vertx.eventBus().registerCodec(new LocalCodec());
  }

  /** The address a request type is served on: its class name, unique in the process. */
  public static String address(Class<? extends Request<?>> type) {
    return type.getName();
  }

  /** Where this request goes: its type's address; for {@link Health}, also the module verticle asked. */
  public static String address(Request<?> request) {
    @SuppressWarnings("unchecked")
    String address = address((Class<? extends Request<?>>) request.getClass());
    return request instanceof Health health ? address + "." + health.component().name() : address;
  }

  public <R> Future<R> ask(Request<R> request) {
    String address = fromHere(address(request));
    ContextInternal asker = ContextInternal.current();
    if (asker == null || !asker.isEventLoopContext() || !asker.inThread()) {
      return send(address, request);
    }
    Promise<R> answer = asker.promise();
    // what send throws is its failure: thrown inside the dispatch it would be logged, and the asker left waiting
    sendingContext(asker).dispatch(sending -> Futures.applied((Request<R> sent) -> send(address, sent), request)
        .onComplete(result -> asker.dispatch(result, answer::handle)));
    return answer.future();
  }

  private <R> Future<R> send(String address, Request<R> request) {
    DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(request.timeoutMillis())
        .setCodecName(LocalCodec.NAME);
    // one step rather than map and recover: this runs for every module request
    return bus.<R>request(address, request, options).transform(reply -> reply.succeeded()
        ? Future.succeededFuture(reply.result().body())
        : Future.failedFuture(asApiError(reply.cause())));
  }

  /** This loop's context of no deployment, made on first use (per Vert.x instance: tests start several). */
  private static ContextInternal sendingContext(ContextInternal asker) {
    ContextInternal sending = SENDING.get();
    if (sending == null || sending.owner() != asker.owner()) {
      // this class's loader, not the first asker's: the context lives as long as its loop
      sending = asker.owner().contextBuilder().withEventLoop(asker.nettyEventLoop())
          .withClassLoader(ModuleBus.class.getClassLoader()).build();
      SENDING.set(sending);
    }
    return sending;
  }

  /** A failure of the bus (no handler, no answer in time, a refusal sent back) as the {@link ApiError} it stands for. */
  private static Throwable asApiError(Throwable failure) {
    return failure instanceof ReplyException reply ? ApiError.fromReply(reply) : failure;
  }

  /**
   * Serves a request type in this process: {@code handler}'s result is the answer, a failure that is an
   * {@link ApiError} is answered with its status and message, anything else as a bare 500. Completes once the
   * consumers are registered.
   */
  public <Q extends Request<?>> Future<Void> serve(Class<Q> type, Function<Q, Future<?>> handler) {
    return register(address(type), handler);
  }

  /** Serves {@link Health} for one module verticle. */
  public Future<Void> serve(Health.Component component, Function<Health, Future<?>> handler) {
    return register(address(new Health(component)), handler);
  }

  /**
   * Where a request for {@code address} goes from the calling thread: this loop's own consumer, if it has one.
   * Public for the tests that check where requests land.
   */
  public static String fromHere(String address) {
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

  private <Q> Future<Void> register(String address, Function<Q, Future<?>> handler) {
    Handler<Message<Q>> answer = message -> answer(message, handler);
    Future<Void> shared = bus.localConsumer(address, answer).completion();
    // on the loop's own thread, not merely its context: executeBlocking runs an event-loop context on a worker
    if (!Context.isOnEventLoopThread() || Vertx.currentContext() == null) {
      return shared;
    }
    MessageConsumer<Q> local = bus.localConsumer(address + "@local-" + NEXT.incrementAndGet(), answer);
    LOOP_CONSUMERS.get().put(address, local);
    return Future.all(shared, local.completion()).mapEmpty();
  }

  private static <Q> void answer(Message<Q> message, Function<Q, Future<?>> handler) {
    Futures.applied(handler, message.body()).onComplete(
        answer -> message.reply(answer, ANSWER),
        failure -> {
          ApiError error = failure instanceof ApiError refusal ? refusal : ApiError.internal();
          message.fail(error.status(), error.getMessage());
        });
  }
}
