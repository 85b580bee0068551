package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Evidence;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (see junit-platform.properties): not one token issued anywhere
 * in the run, nor the secret part of one, appears in any log line, HTTP answer (but the one that created it),
 * audit event or process output that the run produced.
 */
@Order(Integer.MAX_VALUE)
class SecretsScanTest {

  @Test
  void noIssuedTokenAppearsAnywhere() {
    System.out.printf("secrets scan: %d tokens issued, %d texts scanned%n", Evidence.tokens().size(), Evidence.texts());
    assertThat(Evidence.leaks()).isEmpty();
  }
}
