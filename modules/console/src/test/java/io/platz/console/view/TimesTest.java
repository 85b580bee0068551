package io.platz.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

  private static final Instant NOW = Instant.parse("2026-12-06T13:00:00Z");

  @Test
  void aUseNotedLessThanAMinuteAgoSaysSoRatherThanASecondItDoesNotKnow() {
    assertThat(Times.lastUsed("2026-12-06T12:59:30Z", NOW)).isEqualTo("within the last minute");
    assertThat(Times.lastUsed("2026-12-06T12:59:00.001Z", NOW)).isEqualTo("within the last minute");
  }

  @Test
  void anOlderUseIsItsTimeAndNoUseIsNever() {
    assertThat(Times.lastUsed("2026-12-06T12:59:00Z", NOW)).isEqualTo("2026-12-06 12:59:00 UTC");
    assertThat(Times.lastUsed("2026-12-06T14:00:00+01:00", NOW)).isEqualTo("within the last minute");
    assertThat(Times.lastUsed(null, NOW)).isEqualTo("never");
  }
}
