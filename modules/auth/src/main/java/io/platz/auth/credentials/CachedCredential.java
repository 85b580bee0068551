package io.platz.auth.credentials;

import io.platz.common.auth.AuthRequests.Verified;
import io.platz.common.auth.Identity;
import io.platz.common.token.TokenKind;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A credential that was verified against the database: enough to verify it again without the database (the
 * keyed hash of its secret, its expiry) and what to answer (the identity and the public user or bot). No secret.
 */
public final class CachedCredential {

  private final TokenKind kind;
  private final byte[] secretHash;
  private final Instant expiresAt;
  private final Identity identity;
  private final Verified answer;
  private final AtomicLong lastUsedRecordedMillis;

  public CachedCredential(TokenKind kind, byte[] secretHash, Instant expiresAt, Identity identity, JsonObject me,
                          Instant lastUsedAt) {
    this.kind = kind;
    this.secretHash = secretHash;
    this.expiresAt = expiresAt;
    this.identity = identity;
    this.answer = new Verified(identity.toJson(), new JsonObject().put(identity.kind().jsonName(), me).toBuffer());
    this.lastUsedRecordedMillis = new AtomicLong(lastUsedAt == null ? 0 : lastUsedAt.toEpochMilli());
  }

  public TokenKind kind() {
    return kind;
  }

  public byte[] secretHash() {
    return secretHash;
  }

  public UUID subjectId() {
    return identity.id();
  }

  public boolean mintedBy(UUID subjectId) {
    return identity.minter() != null && identity.minter().id().equals(subjectId);
  }

  public Identity identity() {
    return identity;
  }

  /** What verification answers: built once, and handed as it is to every request that presents this credential. */
  public Verified answer() {
    return answer;
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * True when this use should be written down: the first use, or the first more than {@code interval} after
   * the last one written. Claims the write, so concurrent requests do not both record it.
   */
  public boolean claimLastUsedWrite(long nowMillis, long intervalMillis) {
    long recorded = lastUsedRecordedMillis.get();
    return nowMillis - recorded >= intervalMillis && lastUsedRecordedMillis.compareAndSet(recorded, nowMillis);
  }
}
