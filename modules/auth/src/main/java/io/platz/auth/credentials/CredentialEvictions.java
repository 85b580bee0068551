package io.platz.auth.credentials;

import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes revoked credentials out of every cache. In this process: before the change's answer is sent (an
 * after-commit action of its transaction). In other processes on the same database: through PostgreSQL
 * NOTIFY, sent in the same transaction so that it is delivered exactly when the change commits. A reconnect of
 * the listener clears the whole cache, since notifications sent meanwhile are lost.
 */
public final class CredentialEvictions {

  private static final Logger LOG = LoggerFactory.getLogger(CredentialEvictions.class);
  static final String CHANNEL = "platz_credentials";
  private static final String TOKEN = "token:";
  private static final String SUBJECT = "subject:";

  private final CredentialCache cache;

  public CredentialEvictions(CredentialCache cache) {
    this.cache = cache;
  }

  public Future<Void> tokens(Tx tx, List<UUID> tokenIds) {
    tx.afterCommit(() -> {
      cache.evictTokens(tokenIds);
      return Future.succeededFuture();
    });
    return notifyAll(tx, tokenIds.stream().map(id -> TOKEN + id).toList());
  }

  /** Every credential of a user, bot or deployment: for deactivation, deletion, and changes to what they are. */
  public Future<Void> subject(Tx tx, UUID subjectId) {
    tx.afterCommit(() -> {
      cache.evictSubject(subjectId);
      return Future.succeededFuture();
    });
    return notifyAll(tx, List.of(SUBJECT + subjectId));
  }

  /** Listens for other processes' evictions; the returned subscriber is closed with the verticle. */
  public PgSubscriber listen(Vertx vertx, PgConnectOptions database) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, database)
        .reconnectPolicy(retries -> Math.min(100L << Math.min(retries, 6), 5_000L));
    subscriber.channel(CHANNEL)
        .subscribeHandler(listening -> {
          LOG.debug("listening for credential revocations; cache cleared");
          cache.evictAll();
        })
        .handler(this::apply);
    return subscriber;
  }

  private void apply(String payload) {
    if (payload.startsWith(TOKEN)) {
      cache.evictTokens(List.of(UUID.fromString(payload.substring(TOKEN.length()))));
    } else if (payload.startsWith(SUBJECT)) {
      cache.evictSubject(UUID.fromString(payload.substring(SUBJECT.length())));
    }
  }

  private static Future<Void> notifyAll(Tx tx, List<String> payloads) {
    return tx.sql().preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
        .execute(Tuple.tuple().addString(CHANNEL).addArrayOfString(payloads.toArray(String[]::new)))
        .mapEmpty();
  }
}
