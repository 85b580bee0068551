package example.auditconsumer;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.function.Consumer;

/**
 * Prints Platz's audit events as JSON lines, each once and in {@code seq} order.
 *
 * <p>Platz publishes each event on {@code platz.audit.events} at least once, so an event can come twice (after a
 * publishing instance died, the next one publishes its last batch again): those at or below the last seq printed
 * are dropped. A seq further on than the next one means events this process did not get (it was not running, or a
 * publisher died before its messages left): they are read from {@code GET /api/v2/audit-events?after_seq=}. At
 * start it subscribes first and then catches up through the API, so nothing published meanwhile is lost; what
 * arrives meanwhile waits behind the catch-up. Every event, from the bus or the API, passes through one queue.
 */
public final class AuditConsumer extends VerticleBase {

  public static final String ADDRESS = "platz.audit.events";
  private static final int PER_PAGE = 500;
  /** A crash prints again at most the events of this long before it, which consumers of the lines drop by seq. */
  private static final long SAVE_EVERY_MS = 200;

  private final Settings settings;
  private final Consumer<String> out;
  private HttpClient http;
  private LastSeq last;
  private Future<Void> queue;
  private long saves;

  private AuditConsumer(Settings settings, Consumer<String> out) {
    this.settings = settings;
    this.out = out;
  }

  /** Joins the cluster, catches up and goes live; answers the Vert.x it runs on, whose {@code close()} stops it. */
  public static Future<Vertx> start(Settings settings, Consumer<String> out) {
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions()
            .setHost(settings.host()).setPort(0).setClusterPublicHost(settings.host())))
        .withClusterManager(new HazelcastClusterManager(hazelcast(settings)))
        .buildClustered()
        .compose(vertx -> vertx.deployVerticle(new AuditConsumer(settings, out))
            .map(deployed -> vertx)
            .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure))));
  }

  /** Platz's cluster name and members, TCP only: no multicast, no cloud auto-detection, no phone-home. */
  private static Config hazelcast(Settings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.clusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false)
        .getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    return config;
  }

  @Override
  public Future<?> start() {
    http = vertx.createHttpClient();
    return LastSeq.load(vertx, settings.stateFile()).compose(loaded -> {
      last = loaded;
      saves = vertx.setPeriodic(SAVE_EVERY_MS, tick -> last.save());
      MessageConsumer<JsonObject> events = vertx.eventBus().consumer(ADDRESS);
      Promise<Void> subscribed = Promise.promise();
      queue = subscribed.future().compose(ready -> catchUp());
      events.handler(message -> queue = queue.compose(done -> take(message.body())
          // Platz unreachable for the gap's events: the next event finds the same gap and asks again
          .recover(failure -> {
            System.err.println("audit events after seq " + last.value() + " not read yet: " + failure.getMessage());
            return Future.succeededFuture();
          })));
      events.completion().onComplete(subscribed);
      return queue;
    });
  }

  /** Undeployed when its Vert.x closes: the last seq printed goes to the file before. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(saves);
    return last.save();
  }

  private Future<Void> take(JsonObject event) {
    long seq = event.getLong("seq");
    if (seq <= last.value()) {
      return Future.succeededFuture();
    }
    if (seq == last.value() + 1) {
      return print(event);
    }
    // a gap: the API has what the bus did not bring; an event the token may not read stays a gap
    return catchUp().compose(caughtUp -> seq <= last.value() ? Future.succeededFuture() : print(event));
  }

  /** Prints every event after the last one printed, page by page, until the API has no more. */
  private Future<Void> catchUp() {
    return page(last.value()).compose(items -> {
      Future<Void> printed = Future.succeededFuture();
      for (int i = 0; i < items.size(); i++) {
        JsonObject event = items.getJsonObject(i);
        printed = printed.compose(done -> print(event));
      }
      return items.size() < PER_PAGE ? printed : printed.compose(done -> catchUp());
    });
  }

  private Future<JsonArray> page(long afterSeq) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(settings.platz() + "/api/v2/audit-events?after_seq=" + afterSeq + "&per_page=" + PER_PAGE)
        .putHeader("x-platz-token", settings.token());
    return http.request(request)
        .compose(sent -> sent.send())
        .compose(response -> response.body().compose(body -> response.statusCode() == 200
            ? Future.succeededFuture(body.toJsonObject().getJsonArray("items"))
            : Future.failedFuture("GET /api/v2/audit-events answered " + response.statusCode() + ": " + body)));
  }

  /** The line goes out before the seq is saved: a crash in between prints that event again, never skips it. */
  private Future<Void> print(JsonObject event) {
    out.accept(event.encode());
    last.advance(event.getLong("seq"));
    return Future.succeededFuture();
  }
}
