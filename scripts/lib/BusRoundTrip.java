import io.platz.common.bus.ModuleBus;
import io.platz.common.bus.Request;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;

/**
 * What one module request costs the asking event loop, as bus-round-trip.sh runs it against a built jar: a verticle
 * asks a module served on its own loop, one request after another, and reads its thread's CPU time and allocated
 * bytes around the measured requests. Both are counted per thread, so the machine's other work does not enter them
 * (it can still slow the caches down); nor does the JVM's own (the collector's, the compiler's).
 */
public class BusRoundTrip extends VerticleBase {

  record Ping() implements Request<String> {
  }

  private static final int WARM_UP = 1_000_000;
  private static final int MEASURED = 1_000_000;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Promise<String> figures = Promise.promise();

  @Override
  public Future<?> start() {
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    return bus.serve(Ping.class, ping -> Future.succeededFuture("pong")).onSuccess(served ->
        askInTurn(bus, WARM_UP).compose(warm -> measure(bus)).onComplete(figures));
  }

  private Future<String> measure(ModuleBus bus) {
    long thread = Thread.currentThread().getId();
    long cpu = threads.getCurrentThreadCpuTime();
    long bytes = threads.getThreadAllocatedBytes(thread);
    return askInTurn(bus, MEASURED).map(done -> String.format("%.3f µs of CPU, %,d bytes allocated per request",
        (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / MEASURED,
        (threads.getThreadAllocatedBytes(thread) - bytes) / MEASURED));
  }

  /** {@code count} requests, each sent when the one before is answered. */
  private static Future<Void> askInTurn(ModuleBus bus, int count) {
    Promise<Void> done = Promise.promise();
    askNext(bus, count, done);
    return done.future();
  }

  private static void askNext(ModuleBus bus, int remaining, Promise<Void> done) {
    if (remaining == 0) {
      done.complete();
    } else {
      bus.ask(new Ping()).onComplete(answer -> askNext(bus, remaining - 1, done), done::fail);
    }
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    int status = 1;
    try {
      ModuleBus.install(vertx);
      BusRoundTrip asker = new BusRoundTrip();
      vertx.deployVerticle(asker).await();
      System.out.println(asker.figures.future().await());
      status = 0;
    } catch (Exception e) {
      e.printStackTrace();
    } finally {
      // Vert.x's threads would keep a JVM whose run failed alive
      vertx.close();
      System.exit(status);
    }
  }
}
