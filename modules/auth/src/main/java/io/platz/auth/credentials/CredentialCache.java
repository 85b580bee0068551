package io.platz.auth.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verified credentials by token id, bounded (Caffeine, least-recently-used out first), shared by every auth
 * verticle of the process.
 *
 * <p>Correct under revocation: every eviction bumps a generation counter first; a lookup that read the database
 * before an eviction and stores its result after it sees the generation move and drops what it stored. So once
 * {@link #evictTokens} or {@link #evictSubject} has returned, no request can be answered from a stale entry.
 * The time-to-live is a safety net only, for other instances' evictions that arrive through the database.
 */
public final class CredentialCache {

  private static final Duration SAFETY_TTL = Duration.ofMinutes(10);

  private final Cache<UUID, CachedCredential> cache;
  private final AtomicLong generation = new AtomicLong();

  public CredentialCache(int maximumSize) {
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(SAFETY_TTL).build();
  }

  public CachedCredential get(UUID tokenId) {
    return cache.getIfPresent(tokenId);
  }

  /** Read before going to the database; hand it back to {@link #put}. */
  public long generation() {
    return generation.get();
  }

  public void put(UUID tokenId, CachedCredential credential, long generationBeforeLoad) {
    cache.put(tokenId, credential);
    if (generation.get() != generationBeforeLoad) {
      cache.invalidate(tokenId);
    }
  }

  public void evictTokens(Collection<UUID> tokenIds) {
    generation.incrementAndGet();
    cache.invalidateAll(tokenIds);
  }

  /** Every token of a user, bot or deployment: O(cache size), for rare events (deactivate, delete, rename). */
  public void evictSubject(UUID subjectId) {
    generation.incrementAndGet();
    cache.asMap().values().removeIf(credential -> credential.subjectId().equals(subjectId));
  }

  public void evictAll() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  public long size() {
    return cache.estimatedSize();
  }
}
