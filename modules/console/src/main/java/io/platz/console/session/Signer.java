package io.platz.console.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of what the console hands the browser to bring back unchanged, under a key derived from the server
 * key. Each use names its purpose in what it signs, so that a value signed for one use is worth nothing in another.
 */
public final class Signer {

  private final SecretKeySpec key;

  public Signer(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** Base64url, unpadded. */
  public String sign(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
