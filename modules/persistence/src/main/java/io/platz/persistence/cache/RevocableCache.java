package io.platz.persistence.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A bounded cache (Caffeine, least recently used out first) of things read from the database that a change can
 * revoke, shared by the verticles of one process.
 *
 * <p>Correct under revocation: every eviction bumps a generation counter; a lookup that read the database before
 * an eviction and comes to store its result after it sees the generation moved and stores nothing. The check and
 * the store happen under a shared lock that an eviction takes exclusively, so a store either lands before the
 * eviction (which then drops it) or sees its generation: once an eviction has returned, no request is answered
 * from a stale entry, not even for a moment.
 *
 * <p>Evictions from other processes arrive through the database ({@code LISTEN}). Two bounds hold should they not:
 * an entry is kept at most its maximum age, after which the database is asked again; and while the listener that
 * feeds the cache has lost its connection, the cache is {@link #deaf() deaf}: it forgets everything and keeps nothing
 * until it {@link #listening() listens} again.
 */
public final class RevocableCache<K, V> {

  /** For caches whose every change is also evicted locally and that no partition bound applies to. */
  public static final Duration SAFETY_TTL = Duration.ofMinutes(10);

  private final Cache<K, V> cache;
  private final AtomicLong generation = new AtomicLong();
  /** Shared by stores, exclusive to evictions; lookups never take it. */
  private final ReadWriteLock storing = new ReentrantReadWriteLock();
  /** Written under the exclusive lock, read under the shared one. */
  private boolean deaf;

  public RevocableCache(int maximumSize) {
    this(maximumSize, SAFETY_TTL);
  }

  /** Each entry is read from the database again at least every {@code maximumAge}. */
  public RevocableCache(int maximumSize, Duration maximumAge) {
    this.cache = builder(maximumAge).maximumSize(maximumSize).build();
  }

  private RevocableCache(Cache<K, V> cache) {
    this.cache = cache;
  }

  /** Bounded by the sum of its entries' weights (their sizes in bytes, say) rather than by their number. */
  public static <K, V> RevocableCache<K, V> weighed(long maximumWeight, Weigher<? super K, ? super V> weigher) {
    return new RevocableCache<>(builder(SAFETY_TTL).maximumWeight(maximumWeight).weigher(weigher).build());
  }

  /**
   * Caffeine does its upkeep (eviction, expiry) on a pool thread by default; on two cores, waking that thread costs
   * more than the upkeep itself, which the calling event loop now does in passing (measured side by side: the
   * deployments list went from 11–15k to 17k requests/s).
   */
  private static Caffeine<Object, Object> builder(Duration maximumAge) {
    return Caffeine.newBuilder().expireAfterWrite(maximumAge).executor(Runnable::run);
  }

  public V get(K key) {
    return cache.getIfPresent(key);
  }

  /** Read before going to the database; hand it back to {@link #put}. */
  public long generation() {
    return generation.get();
  }

  /** Keeps {@code value} unless an eviction happened since {@code generationBeforeLoad}, or the cache is deaf. */
  public void put(K key, V value, long generationBeforeLoad) {
    Lock lock = storing.readLock();
    lock.lock();
    try {
      if (generation.get() == generationBeforeLoad && !deaf) {
        cache.put(key, value);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The cached value, or else {@code load}'s, then kept unless an eviction happened meanwhile; failures are not kept. */
  public Future<V> getOrLoad(K key, Supplier<Future<V>> load) {
    V cached = get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long generation = generation();
    return load.get().onSuccess(value -> put(key, value, generation));
  }

  /** Evicts {@code keys} once {@code tx} has committed, before its caller answers. */
  public void evictAfterCommit(Tx tx, Collection<K> keys) {
    tx.afterCommit(() -> {
      evict(keys);
      return Future.succeededFuture();
    });
  }

  /** Evicts everything once {@code tx} has committed, before its caller answers. */
  public void evictAllAfterCommit(Tx tx) {
    tx.afterCommit(() -> {
      evictAll();
      return Future.succeededFuture();
    });
  }

  public void evict(Collection<K> keys) {
    evicting(() -> cache.invalidateAll(keys));
  }

  /** O(cache size): for rare events. */
  public void evictIf(Predicate<V> condition) {
    evicting(() -> cache.asMap().values().removeIf(condition));
  }

  public void evictAll() {
    evicting(cache::invalidateAll);
  }

  /** The listener that feeds this cache lost its connection: forget everything, keep nothing from now on. */
  public void deaf() {
    evicting(() -> {
      deaf = true;
      cache.invalidateAll();
    });
  }

  /** The listener listens (again): whatever it missed meanwhile is forgotten, and the cache keeps again. */
  public void listening() {
    evicting(() -> {
      deaf = false;
      cache.invalidateAll();
    });
  }

  private void evicting(Runnable eviction) {
    Lock lock = storing.writeLock();
    lock.lock();
    try {
      generation.incrementAndGet();
      eviction.run();
    } finally {
      lock.unlock();
    }
  }

  public long size() {
    return cache.estimatedSize();
  }
}
