package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.error.ApiError;
import io.vertx.core.json.DecodeException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void aBugIsABare500() {
    ApiError error = Failures.classify(-1, new IllegalStateException("secret detail"));
    assertThat(error.status()).isEqualTo(500);
    assertThat(error.getMessage()).isEqualTo("internal error");
  }

  @Test
  void malformedJsonIs400() {
    assertThat(Failures.classify(500, new DecodeException("Unexpected end-of-input")).status()).isEqualTo(400);
  }
}
