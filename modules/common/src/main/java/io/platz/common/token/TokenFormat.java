package io.platz.common.token;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The token format: {@code pzu_} / {@code pzb_} / {@code pzd_}, then in base62 the token's public id
 * (a UUID, 22 characters), a secret of 256 random bits (43 characters) and a CRC32 checksum of everything
 * before it (6 characters). 75 characters in all, matched by {@code pz[ubd]_[0-9A-Za-z]{71}}.
 *
 * <p>The prefix lets a secret scanner recognise a leaked token; the checksum rejects a typo or a junk value
 * before any database work. Only a keyed hash of the secret is ever stored.
 */
public final class TokenFormat {

  public static final int ID_LENGTH = 22;
  public static final int SECRET_LENGTH = 43;
  public static final int CHECKSUM_LENGTH = 6;
  public static final int LENGTH = 4 + ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

  private static final int SECRET_BYTES = 32;
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(62);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Each ASCII character's base62 value, -1 for the characters that are not digits. */
  private static final byte[] DIGITS = new byte[128];
  /** The largest high half that can still be multiplied by 62 within 64 unsigned bits. */
  private static final long MAX_HIGH_BEFORE_MULTIPLY = Long.divideUnsigned(-1L, 62);

  static {
    Arrays.fill(DIGITS, (byte) -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DIGITS[ALPHABET.charAt(i)] = (byte) i;
    }
  }

  private TokenFormat() {
  }

  /** A new token for the credential {@code id}; the caller shows it once and stores only its hash. */
  public static IssuedToken generate(TokenKind kind, UUID id) {
    byte[] random = new byte[SECRET_BYTES];
    RANDOM.nextBytes(random);
    String secret = base62(random, SECRET_LENGTH);
    String body = kind.prefix() + base62(uuidBytes(id), ID_LENGTH) + secret;
    return new IssuedToken(body + checksum(body), new ParsedToken(kind, id, secret));
  }

  /**
   * The token's parts if it is well formed, or empty: callers answer every failure with the same 401. This runs
   * on every authenticated request, so it reads the token's bytes once, through a table, and does its arithmetic
   * in longs rather than BigInteger.
   */
  public static Optional<ParsedToken> parse(String token) {
    if (token == null || token.length() != LENGTH) {
      return Optional.empty();
    }
    TokenKind kind = TokenKind.ofPrefix(token);
    if (kind == null) {
      return Optional.empty();
    }
    // a character outside ASCII becomes '?', which is no base62 digit; a pair of surrogates becomes one '?', so a
    // string of the right length can give fewer bytes
    byte[] ascii = token.getBytes(StandardCharsets.US_ASCII);
    int checksumAt = LENGTH - CHECKSUM_LENGTH;
    if (ascii.length != LENGTH || !isBase62(ascii) || checksum(ascii, checksumAt) != decodeChecksum(ascii, checksumAt)) {
      return Optional.empty();
    }
    UUID id = decodeId(ascii);
    return id == null ? Optional.empty() : Optional.of(new ParsedToken(kind, id, token.substring(4 + ID_LENGTH, checksumAt)));
  }

  private static boolean isBase62(byte[] ascii) {
    for (int i = 4; i < LENGTH; i++) {
      if (digit(ascii[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int digit(byte b) {
    return b < 0 ? -1 : DIGITS[b];
  }

  private static long checksum(byte[] ascii, int length) {
    CRC32 crc = new CRC32();
    crc.update(ascii, 0, length);
    return crc.getValue();
  }

  /**
   * The six checksum digits as a number. Six base62 digits hold more than 32 bits, and a CRC32 has one spelling
   * in six digits, so comparing numbers compares spellings.
   */
  private static long decodeChecksum(byte[] ascii, int from) {
    long value = 0;
    for (int i = from; i < from + CHECKSUM_LENGTH; i++) {
      value = value * 62 + digit(ascii[i]);
    }
    return value;
  }

  /** CRC32 of the body in six base62 digits. */
  private static String checksum(String body) {
    byte[] ascii = body.getBytes(StandardCharsets.US_ASCII);
    long value = checksum(ascii, ascii.length);
    char[] digits = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(digits);
  }

  /** The id's 22 base62 digits as a 128-bit number in two longs; null if it does not fit in 128 bits. */
  private static UUID decodeId(byte[] ascii) {
    long high = 0;
    long low = 0;
    for (int i = 4; i < 4 + ID_LENGTH; i++) {
      if (Long.compareUnsigned(high, MAX_HIGH_BEFORE_MULTIPLY) > 0) {
        return null;
      }
      long lowCarry = Math.multiplyHigh(low, 62) + ((low >> 63) & 62); // unsigned high half of low * 62
      long shifted = high * 62;
      long newHigh = shifted + lowCarry;
      if (Long.compareUnsigned(newHigh, shifted) < 0) {
        return null;
      }
      long digit = digit(ascii[i]);
      low = low * 62 + digit;
      if (Long.compareUnsigned(low, digit) < 0) {
        newHigh++;
        if (newHigh == 0) {
          return null;
        }
      }
      high = newHigh;
    }
    return new UUID(high, low);
  }

  /** A body with its checksum appended: lets tests build well-formed tokens with chosen digits. */
  static String withChecksum(String body) {
    return body + checksum(body);
  }

  private static String base62(byte[] bytes, int width) {
    StringBuilder out = new StringBuilder(width);
    BigInteger value = new BigInteger(1, bytes);
    while (value.signum() > 0) {
      BigInteger[] qr = value.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      value = qr[0];
    }
    while (out.length() < width) {
      out.append('0');
    }
    return out.reverse().toString();
  }

  private static byte[] uuidBytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }
}
