package io.platz.common.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenFormatTest {

  @Test
  void aGeneratedTokenParsesBackToItsParts() {
    for (TokenKind kind : TokenKind.values()) {
      UUID id = UUID.randomUUID();
      IssuedToken issued = TokenFormat.generate(kind, id);
      assertThat(issued.value()).hasSize(TokenFormat.LENGTH).startsWith(kind.prefix()).matches("pz[ubd]_[0-9A-Za-z]{71}");
      ParsedToken parsed = TokenFormat.parse(issued.value()).orElseThrow();
      assertThat(parsed).isEqualTo(issued.parts());
      assertThat(parsed.kind()).isEqualTo(kind);
      assertThat(parsed.id()).isEqualTo(id);
    }
  }

  @Test
  void extremeIdsRoundTrip() {
    for (UUID id : new UUID[] {new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1)}) {
      assertThat(TokenFormat.parse(TokenFormat.generate(TokenKind.BOT, id).value()).orElseThrow().id()).isEqualTo(id);
    }
  }

  @Test
  void anIdBeyond128BitsIsRefusedEvenWithAValidChecksum() {
    String secret = "a".repeat(TokenFormat.SECRET_LENGTH);
    assertThat(TokenFormat.parse(TokenFormat.withChecksum("pzb_" + "z".repeat(22) + secret))).isEmpty();
    assertThat(TokenFormat.parse(TokenFormat.withChecksum("pzb_" + "7n42DGM5Tflk9n8mt7Fhc8" + secret))).isEmpty();
    assertThat(TokenFormat.parse(TokenFormat.withChecksum("pzb_" + "7n42DGM5Tflk9n8mt7Fhc7" + secret)))
        .hasValueSatisfying(parsed -> assertThat(parsed.id()).isEqualTo(new UUID(-1, -1)));
  }

  @Test
  void secretsAreFreshEveryTime() {
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      secrets.add(TokenFormat.generate(TokenKind.USER, UUID.randomUUID()).parts().secret());
    }
    assertThat(secrets).hasSize(1000);
  }

  @Test
  void everySingleCharacterTypoIsCaught() {
    String token = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value();
    for (int i = 4; i < token.length(); i++) {
      for (char c : ALPHABET.toCharArray()) {
        if (c != token.charAt(i)) {
          String typo = token.substring(0, i) + c + token.substring(i + 1);
          assertThat(TokenFormat.parse(typo)).as("typo at %d", i).isEmpty();
        }
      }
    }
  }

  @Test
  void malformedTokensAreRefused() {
    String token = TokenFormat.generate(TokenKind.USER, UUID.randomUUID()).value();
    for (String bad : new String[] {null, "", "pzu_", token + "0", token.substring(1), "pzx_" + token.substring(4),
        token.replace('_', '-'), token.substring(0, 10) + "!" + token.substring(11), token.toUpperCase(),
        "pzu_" + "z".repeat(71)}) {
      assertThat(TokenFormat.parse(bad)).as(String.valueOf(bad)).isEmpty();
    }
  }

  @Test
  void charactersOutsideAsciiAreRefusedWhereverTheyStand() {
    String token = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value();
    // a fullwidth and an Arabic-Indic digit are digits to Character.digit, and '\u0100' makes the string UTF-16
    for (char foreign : new char[] {'\uFF11', '\u0663', '\u00e9', '\u0100', '\u00ff'}) {
      for (int i : new int[] {5, 30, TokenFormat.LENGTH - 1}) {
        String bad = token.substring(0, i) + foreign + token.substring(i + 1);
        assertThat(TokenFormat.parse(bad)).as("U+%04X at %d", (int) foreign, i).isEmpty();
      }
    }
    // one character outside the Basic Multilingual Plane: two chars, so the string keeps its length, one '?' byte
    for (int i : new int[] {4, 30, TokenFormat.LENGTH - 2}) {
      String bad = token.substring(0, i) + "\uD83D\uDE00" + token.substring(i + 2);
      assertThat(bad).hasSize(TokenFormat.LENGTH);
      assertThat(TokenFormat.parse(bad)).as("U+1F600 at %d", i).isEmpty();
    }
  }

  @Test
  void aChecksumSpelledWithAnExtra32BitsIsRefused() {
    String token = TokenFormat.generate(TokenKind.USER, UUID.randomUUID()).value();
    int checksumAt = TokenFormat.LENGTH - TokenFormat.CHECKSUM_LENGTH;
    long checksum = base62Value(token.substring(checksumAt));
    for (long beyond = checksum + (1L << 32); beyond < 62L * 62 * 62 * 62 * 62 * 62; beyond += 1L << 32) {
      String bad = token.substring(0, checksumAt) + base62(beyond);
      assertThat(TokenFormat.parse(bad)).as(bad).isEmpty();
    }
    assertThat(TokenFormat.parse(token.substring(0, checksumAt) + base62(checksum))).isPresent();
  }

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static long base62Value(String digits) {
    long value = 0;
    for (char c : digits.toCharArray()) {
      value = value * 62 + ALPHABET.indexOf(c);
    }
    return value;
  }

  private static String base62(long value) {
    char[] digits = new char[TokenFormat.CHECKSUM_LENGTH];
    for (int i = digits.length - 1; i >= 0; i--, value /= 62) {
      digits[i] = ALPHABET.charAt((int) (value % 62));
    }
    return new String(digits);
  }

  @Test
  void neitherPartNorIssuedTokenPrintsTheSecret() {
    IssuedToken issued = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID());
    assertThat(issued.toString()).doesNotContain(issued.parts().secret()).doesNotContain(issued.value());
    assertThat(issued.parts().toString()).doesNotContain(issued.parts().secret());
  }
}
