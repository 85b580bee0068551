package io.platz.auth.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.auth.Identity;
import io.platz.common.auth.IdentityKind;
import io.platz.common.token.TokenKind;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  private final CredentialCache cache = new CredentialCache(100);

  @Test
  void aLoadThatRacedAnEvictionIsNotKept() {
    UUID token = UUID.randomUUID();
    long before = cache.generation();
    // the database was read here, then the token was revoked and evicted, then the stale result arrives
    cache.evictTokens(List.of(token));
    cache.put(token, credential(UUID.randomUUID()), before);
    assertThat(cache.get(token)).isNull();
  }

  @Test
  void aLoadWithNoEvictionMeanwhileIsKept() {
    UUID token = UUID.randomUUID();
    cache.put(token, credential(UUID.randomUUID()), cache.generation());
    assertThat(cache.get(token)).isNotNull();
  }

  @Test
  void evictingASubjectDropsAllItsTokensAndNoOthers() {
    UUID bot = UUID.randomUUID();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID unrelated = UUID.randomUUID();
    cache.put(first, credential(bot), cache.generation());
    cache.put(second, credential(bot), cache.generation());
    cache.put(unrelated, credential(UUID.randomUUID()), cache.generation());
    cache.evictSubject(bot);
    assertThat(cache.get(first)).isNull();
    assertThat(cache.get(second)).isNull();
    assertThat(cache.get(unrelated)).isNotNull();
  }

  @Test
  void evictingASubjectDropsTheDeploymentCredentialsItMinted() {
    UUID owner = UUID.randomUUID();
    UUID minted = UUID.randomUUID();
    UUID mintedByAnother = UUID.randomUUID();
    cache.put(minted, deploymentCredential(owner), cache.generation());
    cache.put(mintedByAnother, deploymentCredential(UUID.randomUUID()), cache.generation());
    cache.evictSubject(owner);
    assertThat(cache.get(minted)).isNull();
    assertThat(cache.get(mintedByAnother)).isNotNull();
  }

  @Test
  void lastUseIsClaimedAtMostOncePerInterval() {
    CachedCredential credential = credential(UUID.randomUUID());
    assertThat(credential.claimLastUsedWrite(1_000_000, 60_000)).isTrue();
    assertThat(credential.claimLastUsedWrite(1_030_000, 60_000)).isFalse();
    assertThat(credential.claimLastUsedWrite(1_060_000, 60_000)).isTrue();
  }

  private static CachedCredential deploymentCredential(UUID minter) {
    Identity identity = new Identity(IdentityKind.DEPLOYMENT, UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(),
        "api", new Identity.Minter(minter, false));
    return new CachedCredential(TokenKind.DEPLOYMENT, new byte[32], null, identity, new JsonObject(), null);
  }

  private static CachedCredential credential(UUID subject) {
    Identity identity = new Identity(IdentityKind.BOT, subject, UUID.randomUUID(), false, null, "bot");
    return new CachedCredential(TokenKind.BOT, new byte[32], null, identity, new JsonObject(), null);
  }
}
