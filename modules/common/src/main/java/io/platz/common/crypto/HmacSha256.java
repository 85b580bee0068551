package io.platz.common.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256, the one keyed hash the project uses: for token secrets and for the audit trail's chain and seals. */
public final class HmacSha256 {

  private static final String ALGORITHM = "HmacSHA256";

  private HmacSha256() {
  }

  /**
   * A {@link Mac} keyed with {@code key}. Looking the algorithm up and keying it cost more than hashing a short
   * message, and a {@code Mac} is not thread-safe: callers keep one per thread or per use.
   */
  public static Mac keyed(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
    }
  }

  /** One {@link #keyed} {@code Mac} per thread, for a key used on every request; the key is copied first. */
  public static ThreadLocal<Mac> perThread(byte[] key) {
    byte[] copy = key.clone();
    return ThreadLocal.withInitial(() -> keyed(copy));
  }
}
