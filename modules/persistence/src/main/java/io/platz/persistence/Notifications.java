package io.platz.persistence;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * PostgreSQL LISTEN/NOTIFY, for telling every process on the database that a cached thing changed. A
 * notification sent inside a transaction is delivered when (and only if) it commits. Notifications sent while a
 * listener is disconnected are lost, so every (re)connection calls {@code onListening}, which should forget
 * everything cached.
 */
public final class Notifications {

  private Notifications() {
  }

  /** A listener that reconnects by itself (100 ms doubling up to 5 s); connect it, and close it when done. */
  public static PgSubscriber listener(Vertx vertx, PgConnectOptions database, String channel,
                                      Handler<String> onMessage, Runnable onListening) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, database)
        .reconnectPolicy(retries -> Math.min(100L << Math.min(retries, 6), 5_000L));
    subscriber.channel(channel)
        .subscribeHandler(listening -> onListening.run())
        .handler(onMessage);
    return subscriber;
  }

  public static Future<Void> send(SqlConnection connection, String channel, List<String> payloads) {
    return connection.preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
        .execute(Tuple.tuple().addString(channel).addArrayOfString(payloads.toArray(String[]::new)))
        .mapEmpty();
  }
}
