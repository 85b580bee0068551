package io.platz.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The secrets scan finds what it looks for: a whole token, its secret alone, or a session's secret, anywhere in a text. */
class EvidenceTest {

  @Test
  void findsATokenOrItsSecretAndNothingElse() {
    String token = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value();
    String other = TokenFormat.generate(TokenKind.USER, UUID.randomUUID()).value();
    String secret = token.substring(26, 69);
    List<String> texts = List.of("clean line", "header x-platz-token: " + token, "{\"s\":\"abc" + secret + "xyz\"}", other);
    assertThat(Evidence.leaks(Set.of(token), texts)).hasSize(2);
    assertThat(Evidence.leaks(Set.of(token), List.of("clean", other))).isEmpty();
  }

  @Test
  void findsAConsoleSessionsSecretWhateverSurroundsIt() {
    String secret = "Ab-_" + "x".repeat(39);
    List<String> texts = List.of("cookie: platz.session=" + secret + "; Path=/", "{\"s\":\"-_" + secret + "_-\"}",
        "clean", secret.substring(1));
    assertThat(Evidence.sessionLeaks(Set.of(secret), texts)).hasSize(2);
  }
}
