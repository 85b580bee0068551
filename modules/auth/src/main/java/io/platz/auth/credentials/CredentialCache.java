package io.platz.auth.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.platz.persistence.cache.RevocableCache;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

/**
 * Credentials by token id, shared by every auth verticle of the process: those verified against the database (see
 * {@link RevocableCache}), and for a few seconds the ids the database did not know, so that a client repeating a
 * dead or made-up token costs no lookup each time. Only ids are remembered as unknown, never a secret; a token id
 * is random, so no token minted later can have one (the entry would expire within seconds anyway).
 */
public final class CredentialCache {

  static final Duration UNKNOWN_FOR = Duration.ofSeconds(5);

  private final RevocableCache<UUID, CachedCredential> cache;
  private final Cache<UUID, Boolean> unknown;

  public CredentialCache(int maximumSize) {
    this(maximumSize, RevocableCache.SAFETY_TTL);
  }

  /** Each credential is checked against the database again at least every {@code maximumAge}. */
  public CredentialCache(int maximumSize, Duration maximumAge) {
    this.cache = new RevocableCache<>(maximumSize, maximumAge);
    this.unknown = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(UNKNOWN_FOR)
        // upkeep on the calling event loop rather than by waking a pool thread, as in RevocableCache
        .executor(Runnable::run).build();
  }

  /** The database found no live credential with this id a moment ago. */
  public boolean knownUnknown(UUID tokenId) {
    return unknown.getIfPresent(tokenId) != null;
  }

  public void rememberUnknown(UUID tokenId) {
    unknown.put(tokenId, Boolean.TRUE);
  }

  public CachedCredential get(UUID tokenId) {
    return cache.get(tokenId);
  }

  public long generation() {
    return cache.generation();
  }

  public void put(UUID tokenId, CachedCredential credential, long generationBeforeLoad) {
    cache.put(tokenId, credential, generationBeforeLoad);
  }

  public void evictTokens(Collection<UUID> tokenIds) {
    cache.evict(tokenIds);
  }

  /**
   * Every token of a user, bot or deployment, and the deployment credentials a user or bot minted (they act within
   * its rights): O(cache size), for rare events (deactivate, delete, rename, a lost grant).
   */
  public void evictSubject(UUID subjectId) {
    cache.evictIf(credential -> credential.subjectId().equals(subjectId) || credential.mintedBy(subjectId));
  }

  /** See {@link RevocableCache#deaf()}. */
  public void deaf() {
    cache.deaf();
  }

  /** See {@link RevocableCache#listening()}. */
  public void listening() {
    cache.listening();
  }
}
