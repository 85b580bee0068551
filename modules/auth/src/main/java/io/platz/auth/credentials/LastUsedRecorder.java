package io.platz.auth.credentials;

import io.platz.common.token.TokenKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code last_used_at}, written behind: verification only notes the use in memory (at most once a minute per
 * token, see {@link CachedCredential#claimLastUsedWrite}); a timer writes the notes in one statement per table.
 */
public final class LastUsedRecorder {

  public static final long INTERVAL_MILLIS = 60_000;

  private final Map<TokenKind, Map<UUID, Instant>> pending = new ConcurrentHashMap<>();

  public void note(TokenKind kind, UUID tokenId, Instant usedAt) {
    pending.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).merge(tokenId, usedAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  public Future<Void> flush(Pool pool) {
    List<Future<?>> writes = new ArrayList<>();
    pending.forEach((kind, uses) -> {
      if (uses.isEmpty()) {
        return;
      }
      List<UUID> ids = new ArrayList<>();
      List<OffsetDateTime> times = new ArrayList<>();
      for (UUID id : List.copyOf(uses.keySet())) {
        Instant at = uses.remove(id);
        if (at != null) {
          ids.add(id);
          times.add(at.atOffset(ZoneOffset.UTC));
        }
      }
      writes.add(pool.preparedQuery("UPDATE " + CredentialStore.table(kind) + """
           t SET last_used_at = u.at
          FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
          WHERE t.id = u.id AND (t.last_used_at IS NULL OR t.last_used_at < u.at)""")
          .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))
              .addArrayOfOffsetDateTime(times.toArray(OffsetDateTime[]::new))));
    });
    return Future.all(writes).mapEmpty();
  }
}
