package io.platz.auth.credentials;

import io.platz.common.error.ApiError;
import io.platz.common.future.Futures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks keys up several to a statement when they are asked together. At rest a key is looked up at once and alone;
 * while {@code maxInFlight} lookups are out, keys asked meanwhile gather and go together in the next one, and a key
 * asked twice while it waits is looked up once for both. A key never joins a lookup already sent: that one may
 * answer from before a change (a revocation) its asker has already seen. Each asker gets its own key's answer,
 * by key, never by position. A lookup that has not answered within its timeout fails its keys and frees its place
 * (the statement may still end; its answer is dropped): with few lookups in flight, one that hangs on a half-open
 * connection would otherwise hold up every key behind it. Event loop only: each verticle instance has its own.
 */
public final class BatchedLookup<K, V> {

  /** As the pool's own wait queue: under an outage a lookup fails promptly with 503 rather than queue without end. */
  static final int MAX_WAITING = 4096;

  private final int maxInFlight;
  private final int maxBatch;
  private final long timeoutMillis;
  private final Function<List<K>, Future<Map<K, V>>> lookup;
  private final Map<K, Promise<Optional<V>>> waiting = new LinkedHashMap<>();
  private int inFlight;

  /** {@code lookup} answers the keys it found; a key it leaves out is answered empty. */
  public BatchedLookup(int maxInFlight, int maxBatch, long timeoutMillis, Function<List<K>, Future<Map<K, V>>> lookup) {
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.timeoutMillis = timeoutMillis;
    this.lookup = lookup;
  }

  public Future<Optional<V>> find(K key) {
    Promise<Optional<V>> answer = waiting.get(key);
    if (answer == null) {
      if (waiting.size() >= MAX_WAITING) {
        return Future.failedFuture(ApiError.unavailable("too many credentials are waiting for the database; try again"));
      }
      answer = Promise.promise();
      waiting.put(key, answer);
    }
    Future<Optional<V>> found = answer.future();
    send();
    return found;
  }

  private void send() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      Map<K, Promise<Optional<V>>> batch = takeBatch();
      inFlight++;
      lookUp(List.copyOf(batch.keySet())).onComplete(result -> {
        inFlight--;
        batch.forEach((key, answer) -> {
          if (result.succeeded()) {
            answer.complete(Optional.ofNullable(result.result().get(key)));
          } else {
            answer.fail(result.cause());
          }
        });
        send();
      });
    }
  }

  /** The lookup, bounded in time; a throw is its failure, so that its place in flight is freed all the same. */
  private Future<Map<K, V>> lookUp(List<K> keys) {
    return Futures.applied(lookup, keys).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private Map<K, Promise<Optional<V>>> takeBatch() {
    Map<K, Promise<Optional<V>>> batch = new LinkedHashMap<>();
    Iterator<Map.Entry<K, Promise<Optional<V>>>> oldestFirst = waiting.entrySet().iterator();
    while (batch.size() < maxBatch && oldestFirst.hasNext()) {
      Map.Entry<K, Promise<Optional<V>>> next = oldestFirst.next();
      batch.put(next.getKey(), next.getValue());
      oldestFirst.remove();
    }
    return batch;
  }
}
