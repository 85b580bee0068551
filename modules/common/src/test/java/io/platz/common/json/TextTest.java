package io.platz.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.common.error.ApiError;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void namesArePrintableTrimmedAndBounded() {
    assertThat(Text.name("n", "ci-deploy-prod", 100)).isEqualTo("ci-deploy-prod");
    assertThat(Text.name("n", "Zürich — déploiement 🚀", 100)).isEqualTo("Zürich — déploiement 🚀");
    assertThat(Text.name("n", "🚀".repeat(100), 100)).as("characters, not UTF-16 units").hasSize(200);
    for (String bad : new String[] {"", " x", "x ", "a\nb", "a\u0000b", "a\u200Bb", "a\u202Eb", "x".repeat(101), "\uD800"}) {
      assertThatThrownBy(() -> Text.name("display_name", bad, 100)).isInstanceOf(ApiError.class).hasMessageContaining("display_name");
    }
  }

  @Test
  void textsAllowLineBreaks() {
    assertThat(Text.text("d", "line one\nline two\ttab", 100)).contains("\n");
    assertThatThrownBy(() -> Text.text("d", "bell\u0007", 100)).isInstanceOf(ApiError.class);
  }
}
