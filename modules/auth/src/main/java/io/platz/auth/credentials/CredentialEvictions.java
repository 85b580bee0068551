package io.platz.auth.credentials;

import io.platz.persistence.Listener;
import io.platz.persistence.Notifications;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;

/**
 * Takes revoked credentials out of every cache. In this process: before the change's answer is sent (an
 * after-commit action of its transaction). In other processes on the same database: through PostgreSQL
 * NOTIFY, sent in the same transaction so that it is delivered exactly when the change commits.
 */
public final class CredentialEvictions {

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
    return Notifications.send(tx.sql(), CHANNEL, tokenIds.stream().map(id -> TOKEN + id).toList());
  }

  /**
   * Every credential of a user, bot or deployment, and those it minted: for deactivation, deletion, and changes to
   * what they are.
   */
  public Future<Void> subject(Tx tx, UUID subjectId) {
    tx.afterCommit(() -> {
      cache.evictSubject(subjectId);
      return Future.succeededFuture();
    });
    return Notifications.send(tx.sql(), CHANNEL, List.of(SUBJECT + subjectId));
  }

  /** For changes made elsewhere in this process (a deleted deployment, a lost grant) that already told other processes. */
  public void evictLocally(UUID subjectId) {
    cache.evictSubject(subjectId);
  }

  /** Listens for other processes' evictions; the returned listener is closed with the verticle. */
  public Listener listen(Vertx vertx, Notifications notifications) {
    return notifications.listener(vertx, CHANNEL, this::apply, cache::listening, cache::deaf);
  }

  private void apply(String payload) {
    if (payload.startsWith(TOKEN)) {
      cache.evictTokens(List.of(UUID.fromString(payload.substring(TOKEN.length()))));
    } else if (payload.startsWith(SUBJECT)) {
      cache.evictSubject(UUID.fromString(payload.substring(SUBJECT.length())));
    }
  }
}
