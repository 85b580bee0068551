package io.platz.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.common.error.ApiError;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModuleBusTest {

  private static final int LOOPS = 3;

  /** Answered with the name of the thread that answers it. */
  record WhereAmI() implements Request<String> {
  }

  /** Refused with a status of its own. */
  record Refused(int status) implements Request<String> {
  }

  /** Served by no one. */
  record Unserved() implements Request<String> {
  }

  /** Never answered: its handler's future never completes. */
  record Unanswered() implements Request<String> {
    @Override
    public long timeoutMillis() {
      return 200;
    }
  }

  /** Answered with what it carries, as it is. */
  record Echo(Object payload) implements Request<Object> {
  }

  static final class Other {
    /** The same simple name as the one above, in another place. */
    record WhereAmI() implements Request<String> {
    }
  }

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
    ModuleBus.install(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyRequestTypeAndEveryHealthCheckHasItsOwnAddress() {
    List<String> addresses = new ArrayList<>(List.of(ModuleBus.address(WhereAmI.class), ModuleBus.address(Other.WhereAmI.class),
        ModuleBus.address(Refused.class)));
    Arrays.stream(Health.Component.values()).forEach(component -> addresses.add(ModuleBus.address(new Health(component))));

    assertThat(addresses).doesNotHaveDuplicates();
    assertThat(ModuleBus.address(new Refused(400))).isEqualTo(ModuleBus.address(new Refused(403)))
        .isEqualTo(ModuleBus.address(Refused.class));
  }

  @Test
  void aRequestIsAnsweredOnTheSendersOwnLoopWhenItHasAConsumer() throws Exception {
    deploy(Answerer::new, new DeploymentOptions().setInstances(LOOPS));
    Set<String> senders = ConcurrentHashMap.newKeySet();
    Set<String> elsewhere = ConcurrentHashMap.newKeySet();
    // many requests from each loop: round-robin alone would answer two in three of them on another loop
    deploy(() -> new Asker(20, senders, elsewhere), new DeploymentOptions().setInstances(LOOPS));

    assertThat(senders).hasSize(LOOPS);
    assertThat(elsewhere).isEmpty();
  }

  @Test
  void withoutAConsumerOnItsLoopASenderUsesTheSharedAddress() throws Exception {
    // a worker registers the shared address only
    deploy(Answerer::new, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
    Set<String> answeredBy = ConcurrentHashMap.newKeySet();
    deploy(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return new ModuleBus(vertx.eventBus()).ask(new WhereAmI()).onSuccess(answeredBy::add);
      }
    }, new DeploymentOptions());

    assertThat(answeredBy).singleElement().asString().startsWith("vert.x-worker-thread");
  }

  @Test
  void anUndeployedLocalConsumerIsNoLongerChosen() throws Exception {
    String onEveryLoop = deploy(Answerer::new, new DeploymentOptions().setInstances(LOOPS));
    Context context = vertx.getOrCreateContext();
    String shared = ModuleBus.address(WhereAmI.class);
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();

    runOn(context, () -> before.add(ModuleBus.fromHere(shared)));
    vertx.undeploy(onEveryLoop).await(10, TimeUnit.SECONDS);
    runOn(context, () -> after.add(ModuleBus.fromHere(shared)));

    assertThat(before).singleElement().asString().startsWith(shared + "@local-");
    assertThat(after).containsExactly(shared);
  }

  @Test
  void whatFollowsAnAnswerRunsOnTheAskersOwnContext() throws Exception {
    deploy(Answerer::new, new DeploymentOptions().setInstances(LOOPS));
    List<String> mismatches = new ArrayList<>();
    deploy(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        ModuleBus bus = new ModuleBus(vertx.eventBus());
        // the verticle's own context, and a duplicate of it as an HTTP request has
        ContextInternal duplicate = ((ContextInternal) context).duplicate();
        Promise<Void> fromDuplicate = Promise.promise();
        duplicate.runOnContext(ignored -> askFrom(duplicate, bus).onComplete((answer, failure) -> fromDuplicate.complete()));
        return Future.all(askFrom(context, bus), fromDuplicate.future());
      }

      private Future<?> askFrom(Context asker, ModuleBus bus) {
        Thread thread = Thread.currentThread();
        return bus.ask(new WhereAmI()).onComplete(answer -> {
          if (Vertx.currentContext() != asker || Thread.currentThread() != thread) {
            mismatches.add(asker + " continued on " + Vertx.currentContext() + " in " + Thread.currentThread().getName());
          }
        });
      }
    }, new DeploymentOptions());

    assertThat(mismatches).isEmpty();
  }

  @Test
  void fromAnEventLoopAFailureToSendEndsTheRequestAsFromAnyOtherThread() throws Exception {
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    bus.serve(Unanswered.class, request -> Promise.promise().future()).await(10, TimeUnit.SECONDS);
    Vertx withoutTheCodec = Vertx.vertx();
    try {
      assertThatThrownBy(() -> onLoop(vertx, () -> bus.ask(new Unserved())).await(10, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(503));
      assertThatThrownBy(() -> onLoop(vertx, () -> bus.ask(new Unanswered())).await(10, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(504));
      // the bus throws when it has no codec for a request; the asker gets that as a failure, not a request that hangs
      ModuleBus uninstalled = new ModuleBus(withoutTheCodec.eventBus());
      assertThatThrownBy(() -> onLoop(withoutTheCodec, () -> uninstalled.ask(new Unserved())).await(10, TimeUnit.SECONDS))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No message codec");
    } finally {
      withoutTheCodec.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void offAnEventLoopTheSharedAddressIsUsed() throws Exception {
    deploy(Answerer::new, new DeploymentOptions().setInstances(LOOPS));

    assertThat(ModuleBus.fromHere(ModuleBus.address(WhereAmI.class))).isEqualTo(ModuleBus.address(WhereAmI.class));
  }

  @Test
  void aRefusalArrivesAsAnApiErrorWithItsStatusAndABugAsABare500() throws Exception {
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    bus.serve(Refused.class, request -> request.status() == 500
        ? Future.failedFuture(new IllegalStateException("internal detail"))
        : Future.failedFuture(new ApiError(request.status(), "not yours"))).await(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> bus.ask(new Refused(403)).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ApiError.class, error -> {
          assertThat(error.status()).isEqualTo(403);
          assertThat(error.getMessage()).isEqualTo("not yours");
        });
    assertThatThrownBy(() -> bus.ask(new Refused(500)).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ApiError.class, error -> {
          assertThat(error.status()).isEqualTo(500);
          assertThat(error.getMessage()).doesNotContain("detail");
        });
  }

  @Test
  void aRequestNobodyServesFailsAsUnavailable() {
    assertThatThrownBy(() -> new ModuleBus(vertx.eventBus()).ask(new Unserved()).await(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(503));
  }

  @Test
  void requestsAndAnswersTravelAsTheyAreNeitherEncodedNorCopied() throws Exception {
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    bus.serve(Echo.class, request -> Future.succeededFuture(request.payload())).await(10, TimeUnit.SECONDS);
    // a record, and the two kinds of answer the bus would copy on delivery if left to its own codecs
    Object[] payloads = {new Other.WhereAmI(), Buffer.buffer("{\"items\":[]}"), new JsonObject().put("id", 1)};
    for (Object payload : payloads) {
      assertThat(bus.ask(new Echo(payload)).await(10, TimeUnit.SECONDS)).as(payload.getClass().getName()).isSameAs(payload);
    }
  }

  @Test
  void theCodecRefusesToPutARequestOnTheWire() {
    LocalCodec codec = new LocalCodec();

    assertThatThrownBy(() -> codec.encodeToWire(Buffer.buffer(), new WhereAmI()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(WhereAmI.class.getName());
    assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer()))
        .isInstanceOf(IllegalStateException.class);
  }

  private String deploy(Supplier<Deployable> verticle, DeploymentOptions options) throws Exception {
    return vertx.deployVerticle(verticle, options).await(10, TimeUnit.SECONDS);
  }

  /** What {@code ask} gives, asked on an event loop of {@code owner}. */
  private static <R> Future<R> onLoop(Vertx owner, Supplier<Future<R>> ask) {
    Promise<R> result = Promise.promise();
    owner.getOrCreateContext().runOnContext(ignored -> ask.get().onComplete(result));
    return result.future();
  }

  private static void runOn(Context context, Runnable action) throws Exception {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      action.run();
      done.complete();
    });
    done.future().await(10, TimeUnit.SECONDS);
  }

  /** Answers with the name of the thread it answers on. */
  private static final class Answerer extends VerticleBase {
    @Override
    public Future<?> start() {
      return new ModuleBus(vertx.eventBus()).serve(WhereAmI.class, request -> Future.succeededFuture(Thread.currentThread().getName()));
    }
  }

  /** Sends {@code count} requests from its loop and notes those answered on another thread. */
  private static final class Asker extends VerticleBase {
    private final int count;
    private final Set<String> senders;
    private final Set<String> elsewhere;

    Asker(int count, Set<String> senders, Set<String> elsewhere) {
      this.count = count;
      this.senders = senders;
      this.elsewhere = elsewhere;
    }

    @Override
    public Future<?> start() {
      String self = Thread.currentThread().getName();
      senders.add(self);
      ModuleBus bus = new ModuleBus(vertx.eventBus());
      List<Future<?>> replies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        replies.add(bus.ask(new WhereAmI()).onSuccess(answeredBy -> {
          if (!answeredBy.equals(self)) {
            elsewhere.add(self + " answered by " + answeredBy);
          }
        }));
      }
      return Future.all(replies);
    }
  }
}
