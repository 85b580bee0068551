package io.platz.auth.credentials;

import io.platz.common.crypto.HmacSha256;
import io.platz.common.token.ParsedToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * The keyed hash stored in place of a token's secret: HMAC-SHA-256 under a key derived from the server key,
 * over the token id and secret. Binding the id means a hash copied onto another token row does not verify.
 */
public final class TokenHasher {

  private final ThreadLocal<Mac> macs;

  public TokenHasher(byte[] tokenKey) {
    this.macs = HmacSha256.perThread(tokenKey);
  }

  public byte[] hash(ParsedToken token) {
    Mac mac = macs.get();
    mac.update(token.id().toString().getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) ':');
    return mac.doFinal(token.secret().getBytes(StandardCharsets.US_ASCII));
  }

  /** What a console session's row keeps of its secret; the purpose is named, so it is no token's hash. */
  public byte[] hashSessionSecret(String secret) {
    Mac mac = macs.get();
    mac.update("console-session:".getBytes(StandardCharsets.US_ASCII));
    return mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
  }

  /** Constant time: how long this takes says nothing about how much of the secret was right. */
  public boolean matches(ParsedToken token, byte[] storedHash) {
    return MessageDigest.isEqual(hash(token), storedHash);
  }

}
