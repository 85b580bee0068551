package io.platz.auth;

import io.micrometer.core.instrument.Counter;
import io.platz.auth.credentials.CachedCredential;
import io.platz.auth.credentials.CredentialCache;
import io.platz.auth.credentials.CredentialStore;
import io.platz.auth.credentials.LastUsedRecorder;
import io.platz.auth.credentials.TokenHasher;
import io.platz.common.auth.AuthRequests.Verified;
import io.platz.common.auth.AuthRequests.VerifyToken;
import io.platz.common.bus.Health;
import io.platz.common.error.ApiError;
import io.platz.common.token.ParsedToken;
import io.platz.common.token.TokenFormat;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Verifies tokens: the hot path of every authenticated request. A credential read from the database is cached, so a
 * repeat costs one HMAC and no database, even with a wrong secret; a malformed token or a bad checksum never reaches
 * the database, and an id the database did not know is not asked again for a few seconds. A request marked
 * {@code cached_only} (its source address is over its failed-authentication limit) is answered from the cache or
 * refused, never looked up. Every failure is the same 401, whatever part of the token was wrong. Each lookup counts
 * in {@code platz_auth_credential_lookups_total} on {@code /metrics}.
 */
public final class AuthVerticle extends ModuleVerticle {

  private final CredentialCache cache;
  private final LastUsedRecorder lastUsed;
  private final TokenHasher hasher;
  private CredentialStore store;
  private Counter lookups;

  public AuthVerticle(ModuleContext context, CredentialCache cache, LastUsedRecorder lastUsed, TokenHasher hasher) {
    super(context);
    this.cache = cache;
    this.lastUsed = lastUsed;
    this.hasher = hasher;
  }

  @Override
  protected Health.Component component() {
    return Health.Component.AUTH;
  }

  @Override
  protected Future<?> register() {
    store = new CredentialStore(pool);
    lookups = Counter.builder("platz.auth.credential.lookups")
        .description("tokens looked up in the database to verify them").register(context.metrics());
    serve(VerifyToken.class, this::verify);
    return Future.succeededFuture();
  }

  private Future<Verified> verify(VerifyToken request) {
    ParsedToken token = TokenFormat.parse(request.token()).orElseThrow(ApiError::unauthorized);
    CachedCredential cached = cache.get(token.id());
    if (cached != null) {
      return Future.succeededFuture(accept(token, cached));
    }
    if (request.cachedOnly() || cache.knownUnknown(token.id())) {
      throw ApiError.unauthorized();
    }
    long generation = cache.generation();
    lookups.increment();
    return store.load(token).map(found -> {
      if (found.isEmpty()) {
        cache.rememberUnknown(token.id());
        throw ApiError.unauthorized();
      }
      // kept before its secret is checked: the next guess at this token's secret is refused from memory
      cache.put(token.id(), found.get(), generation);
      return accept(token, found.get());
    });
  }

  private Verified accept(ParsedToken token, CachedCredential credential) {
    Instant now = Instant.now();
    if (credential.kind() != token.kind() || !hasher.matches(token, credential.secretHash()) || credential.expiredAt(now)) {
      throw ApiError.unauthorized();
    }
    if (credential.claimLastUsedWrite(now.toEpochMilli(), LastUsedRecorder.INTERVAL_MILLIS)) {
      lastUsed.note(token.kind(), token.id(), now);
    }
    return credential.answer();
  }
}
