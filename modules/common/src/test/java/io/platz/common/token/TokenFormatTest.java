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
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for (int i = 4; i < token.length(); i++) {
      for (char c : alphabet.toCharArray()) {
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
  void neitherPartNorIssuedTokenPrintsTheSecret() {
    IssuedToken issued = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID());
    assertThat(issued.toString()).doesNotContain(issued.parts().secret()).doesNotContain(issued.value());
    assertThat(issued.parts().toString()).doesNotContain(issued.parts().secret());
  }
}
