package io.platz.auth;

import io.platz.auth.credentials.CachedCredential;
import io.platz.auth.credentials.CredentialCache;
import io.platz.auth.credentials.CredentialStore;
import io.platz.auth.credentials.LastUsedRecorder;
import io.platz.auth.credentials.TokenHasher;
import io.platz.common.bus.Addresses;
import io.platz.common.error.ApiError;
import io.platz.common.token.ParsedToken;
import io.platz.common.token.TokenFormat;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Verifies tokens: the hot path of every authenticated request. A verified credential is cached, so a repeat
 * costs one HMAC and no database; a malformed token or a bad checksum never reaches the database. Every failure
 * is the same 401, whatever part of the token was wrong.
 */
public final class AuthVerticle extends ModuleVerticle {

  private final CredentialCache cache;
  private final LastUsedRecorder lastUsed;
  private final TokenHasher hasher;
  private CredentialStore store;

  public AuthVerticle(ModuleContext context, CredentialCache cache, LastUsedRecorder lastUsed, TokenHasher hasher) {
    super(context);
    this.cache = cache;
    this.lastUsed = lastUsed;
    this.hasher = hasher;
  }

  @Override
  protected String healthAddress() {
    return Addresses.Auth.HEALTH;
  }

  @Override
  protected Future<?> register() {
    store = new CredentialStore(pool);
    serve(Addresses.Auth.VERIFY, this::verify);
    return Future.succeededFuture();
  }

  private Future<JsonObject> verify(JsonObject request) {
    ParsedToken token = TokenFormat.parse(request.getString("token")).orElseThrow(ApiError::unauthorized);
    CachedCredential cached = cache.get(token.id());
    if (cached != null) {
      return Future.succeededFuture(accept(token, cached));
    }
    long generation = cache.generation();
    return store.load(token).map(found -> {
      CachedCredential credential = found.orElseThrow(ApiError::unauthorized);
      JsonObject answer = accept(token, credential);
      cache.put(token.id(), credential, generation);
      return answer;
    });
  }

  private JsonObject accept(ParsedToken token, CachedCredential credential) {
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
