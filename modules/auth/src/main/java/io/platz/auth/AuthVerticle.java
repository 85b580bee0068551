package io.platz.auth;

import io.micrometer.core.instrument.Counter;
import io.platz.auth.credentials.BatchedLookup;
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
import io.platz.common.token.TokenKind;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Verifies tokens: the hot path of every authenticated request. A credential read from the database is cached, so a
 * repeat costs one HMAC and no database, even with a wrong secret; a malformed token or a bad checksum never reaches
 * the database, and an id the database did not know is not asked again for a few seconds. A request marked
 * {@code cached_only} (its source address is over its failed-authentication limit) is answered from the cache or
 * refused, never looked up. Every failure is the same 401, whatever part of the token was wrong. First sights that
 * arrive together are looked up several to a statement ({@link BatchedLookup}). Each token looked up counts in
 * {@code platz_auth_credential_lookups_total} on {@code /metrics}, each statement in
 * {@code platz_auth_credential_lookup_statements_total}.
 */
public final class AuthVerticle extends ModuleVerticle {

  /**
   * Per verticle (one per core) and kind of token, one: a miss with nothing in flight is sent at once, alone, and the
   * misses that arrive while it is out go together in the next, up to a batch each. PostgreSQL's CPU goes by the
   * statement more than by the token. Side by side on warm misses: four in flight took 3.3–3.4 tokens to a
   * statement and 93–108 µs of server CPU per miss, two 5.5–6.1 and 53–85 µs, one 9 and 36–45 µs, answering 1.1–1.9
   * times the misses a second of two (docs/performance.md). The price: a statement that stalls holds up the misses
   * of its loop and kind behind it, for {@link #LOOKUP_TIMEOUT_MILLIS} at most.
   */
  private static final int LOOKUPS_IN_FLIGHT = 1;
  /** Within the asker's own 5 s: a lookup that has not answered by then fails its misses with 503. */
  private static final long LOOKUP_TIMEOUT_MILLIS = 3_000;
  private static final int LOOKUP_BATCH = 64;

  private final CredentialCache cache;
  private final LastUsedRecorder lastUsed;
  private final TokenHasher hasher;
  private final Map<TokenKind, BatchedLookup<UUID, CachedCredential>> lookups = new EnumMap<>(TokenKind.class);
  private CredentialStore store;
  private Counter tokensLookedUp;
  private Counter statements;

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
    tokensLookedUp = Counter.builder("platz.auth.credential.lookups")
        .description("tokens looked up in the database to verify them").register(context.metrics());
    statements = Counter.builder("platz.auth.credential.lookup.statements")
        .description("statements that looked tokens up, several to one when they arrive together")
        .register(context.metrics());
    for (TokenKind kind : TokenKind.values()) {
      lookups.put(kind, new BatchedLookup<>(LOOKUPS_IN_FLIGHT, LOOKUP_BATCH, LOOKUP_TIMEOUT_MILLIS,
          tokenIds -> load(kind, tokenIds)));
    }
    serve(VerifyToken.class, this::verify);
    return Future.succeededFuture();
  }

  private Future<Verified> verify(VerifyToken request) {
    ParsedToken token = request.token();
    CachedCredential cached = cache.get(token.id());
    if (cached != null) {
      return Future.succeededFuture(accept(token, cached));
    }
    if (request.cachedOnly() || cache.knownUnknown(token.id())) {
      throw ApiError.unauthorized();
    }
    return lookups.get(token.kind()).find(token.id())
        .map(found -> accept(token, found.orElseThrow(ApiError::unauthorized)));
  }

  /**
   * The generation is read as the statement is sent, so that a credential evicted while it runs is not kept. Each
   * credential is kept before any secret is checked: the next guess at a token's secret is refused from memory.
   */
  private Future<Map<UUID, CachedCredential>> load(TokenKind kind, List<UUID> tokenIds) {
    long generation = cache.generation();
    tokensLookedUp.increment(tokenIds.size());
    statements.increment();
    return store.load(kind, tokenIds).onSuccess(found -> tokenIds.forEach(tokenId -> {
      CachedCredential credential = found.get(tokenId);
      if (credential == null) {
        cache.rememberUnknown(tokenId);
      } else {
        cache.put(tokenId, credential, generation);
      }
    }));
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
