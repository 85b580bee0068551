package io.platz.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Failed authentications per source address, as token buckets: each address may fail {@code perMinute} times in a
 * burst, and earns one more try every {@code 60 / perMinute} seconds. An address that has used them up is told to
 * wait (429 with {@code Retry-After}) instead of having its next token looked up in the database; a token this
 * process has already verified still works from it, so a neighbour's guessing does not slow a working client. Kept
 * per process, in a bounded cache.
 */
public final class FailedAuthentications {

  private final double capacity;
  private final double perNano;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10))
          // upkeep on the calling event loop rather than by waking a pool thread, as in RevocableCache
          .executor(Runnable::run).build();

  public FailedAuthentications(int perMinute) {
    this.capacity = perMinute;
    this.perNano = perMinute / 60e9;
  }

  /** Records a failure; answers whether the address has used up its tries (now or before). */
  public boolean fail(String address) {
    return buckets.get(address, key -> new Bucket()).take(System.nanoTime()) < 1;
  }

  /** Whether the address has used up its tries, without using one. */
  public boolean exhausted(String address) {
    Bucket bucket = buckets.getIfPresent(address);
    return bucket != null && bucket.available(System.nanoTime()) < 1;
  }

  /** Seconds until the address may try again. */
  public long retryAfterSeconds(String address) {
    Bucket bucket = buckets.getIfPresent(address);
    double missing = bucket == null ? 0 : 1 - bucket.available(System.nanoTime());
    return Math.max(1, (long) Math.ceil(missing / perNano / 1e9));
  }

  private final class Bucket {
    private double tokens = capacity;
    private long refilledAt = System.nanoTime();

    synchronized double available(long now) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
      return tokens;
    }

    synchronized double take(long now) {
      tokens = Math.max(0, available(now) - 1);
      return tokens;
    }
  }
}
