package io.platz.auth.credentials;

import io.platz.persistence.cache.RevocableCache;
import java.util.Collection;
import java.util.UUID;

/** Verified credentials by token id, shared by every auth verticle of the process; see {@link RevocableCache}. */
public final class CredentialCache {

  private final RevocableCache<UUID, CachedCredential> cache;

  public CredentialCache(int maximumSize) {
    this.cache = new RevocableCache<>(maximumSize);
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

  public void evictAll() {
    cache.evictAll();
  }
}
