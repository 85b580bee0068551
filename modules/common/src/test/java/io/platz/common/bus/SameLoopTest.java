package io.platz.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SameLoopTest {

  private static final String WHERE = "test.where";
  private static final int LOOPS = 3;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
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
        return vertx.eventBus().<String>request(SameLoop.address(WHERE), "").onSuccess(reply -> answeredBy.add(reply.body()));
      }
    }, new DeploymentOptions());

    assertThat(answeredBy).singleElement().asString().startsWith("vert.x-worker-thread");
  }

  @Test
  void anUndeployedLocalConsumerIsNoLongerChosen() throws Exception {
    String onEveryLoop = deploy(Answerer::new, new DeploymentOptions().setInstances(LOOPS));
    Context context = vertx.getOrCreateContext();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();

    runOn(context, () -> before.add(SameLoop.address(WHERE)));
    vertx.undeploy(onEveryLoop).await(10, TimeUnit.SECONDS);
    runOn(context, () -> after.add(SameLoop.address(WHERE)));

    assertThat(before).singleElement().asString().startsWith(WHERE + "@local-");
    assertThat(after).containsExactly(WHERE);
  }

  @Test
  void offAnEventLoopTheSharedAddressIsUsed() throws Exception {
    deploy(Answerer::new, new DeploymentOptions().setInstances(LOOPS));

    assertThat(SameLoop.address(WHERE)).isEqualTo(WHERE);
  }

  private String deploy(Supplier<Deployable> verticle, DeploymentOptions options) throws Exception {
    return vertx.deployVerticle(verticle, options).await(10, TimeUnit.SECONDS);
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
      return SameLoop.<String>consumer(vertx.eventBus(), WHERE, message -> message.reply(Thread.currentThread().getName()));
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
      List<Future<?>> replies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        replies.add(vertx.eventBus().<String>request(SameLoop.address(WHERE), "").onSuccess(reply -> {
          if (!reply.body().equals(self)) {
            elsewhere.add(self + " answered by " + reply.body());
          }
        }));
      }
      return Future.all(replies);
    }
  }
}
