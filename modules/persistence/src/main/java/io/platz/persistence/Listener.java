package io.platz.persistence;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgNotification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection that LISTENs to a channel for the caches it feeds, and to the barrier channel of
 * {@link Notifications#barrier}. Notifications sent while it is not listening are lost, so the moment its connection
 * is lost it tells the caches ({@code onLost}: forget everything, keep nothing until told otherwise), and once it
 * listens again ({@code onListening}: forget everything, keep again). It reconnects by itself, 100 ms doubling up
 * to 5 s between attempts.
 */
public final class Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
  private static final long MAX_RETRY_DELAY_MS = 5_000;

  private final Vertx vertx;
  private final PgConnectOptions database;
  private final String channel;
  private final Handler<String> onMessage;
  private final Runnable onListening;
  private final Runnable onLost;
  private final Notifications owner;
  /** Barrier tokens this listener is waiting to receive, each with whoever waits for it. */
  private final Map<String, Promise<Void>> barriers = new ConcurrentHashMap<>();
  private volatile PgConnection connection;
  private volatile boolean listening;
  private volatile boolean closed;

  Listener(Vertx vertx, PgConnectOptions database, String channel, Handler<String> onMessage, Runnable onListening,
           Runnable onLost, Notifications owner) {
    this.vertx = vertx;
    this.database = database;
    this.channel = channel;
    this.onMessage = onMessage;
    this.onListening = onListening;
    this.onLost = onLost;
    this.owner = owner;
  }

  /** Completes once listening; a first connection that fails fails the start of whoever asked. */
  public Future<Void> connect() {
    owner.register(this);
    return listen();
  }

  public Future<Void> close() {
    closed = true;
    owner.unregister(this);
    PgConnection current = connection;
    return current == null ? Future.succeededFuture() : current.close();
  }

  public boolean listening() {
    return listening;
  }

  /**
   * Completes when the barrier notification {@code token} arrives, or at once when not listening (its caches then
   * keep nothing, so nothing they hold can be stale), or when the connection is lost meanwhile.
   */
  Future<Void> awaitBarrier(String token) {
    Promise<Void> arrived = ((ContextInternal) vertx.getOrCreateContext()).promise();
    barriers.put(token, arrived);
    if (!listening) {
      release(token);
    }
    return arrived.future();
  }

  void release(String token) {
    Promise<Void> waiting = barriers.remove(token);
    if (waiting != null) {
      waiting.tryComplete();
    }
  }

  /**
   * A connection whose LISTEN failed is closed here, and watched for loss only once it listens: otherwise it would
   * stay open unused, and its later loss would start a second round of retries beside the one its failure started.
   */
  private Future<Void> listen() {
    return PgConnection.connect(vertx, database).compose(opened -> {
      opened.notificationHandler(this::received);
      return opened.query("LISTEN " + quoted(channel) + "; LISTEN " + quoted(Notifications.BARRIER_CHANNEL)).execute()
          .onFailure(failed -> opened.close())
          .map(listened -> opened);
    }).onSuccess(opened -> {
      if (closed) {
        opened.close();
        return;
      }
      connection = opened;
      opened.closeHandler(lost -> lost());
      listening = true;
      onListening.run();
    }).mapEmpty();
  }

  private void received(PgNotification notification) {
    if (Notifications.BARRIER_CHANNEL.equals(notification.getChannel())) {
      release(notification.getPayload());
    } else {
      onMessage.handle(notification.getPayload());
    }
  }

  private void lost() {
    listening = false;
    connection = null;
    onLost.run();
    barriers.keySet().forEach(this::release);
    if (!closed) {
      LOG.warn("lost the LISTEN connection for {}; its caches keep nothing until it listens again", channel);
      retry(0);
    }
  }

  private void retry(int attempt) {
    vertx.setTimer(Math.min(100L << Math.min(attempt, 6), MAX_RETRY_DELAY_MS), tick -> {
      if (!closed) {
        listen().onSuccess(done -> LOG.info("listening again for {}", channel))
            .onFailure(failure -> retry(attempt + 1));
      }
    });
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
