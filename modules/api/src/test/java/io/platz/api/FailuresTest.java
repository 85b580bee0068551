package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.error.ApiError;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void theReplierCodeBecomesTheStatus() {
    ApiError error = Failures.classify(0, new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 409, "name taken"));
    assertThat(error.status()).isEqualTo(409);
    assertThat(error.getMessage()).isEqualTo("name taken");
  }

  @Test
  void noHandlerIs503AndATimeout504() {
    assertThat(Failures.classify(0, new ReplyException(ReplyFailure.NO_HANDLERS, "platz.x")).status()).isEqualTo(503);
    assertThat(Failures.classify(0, new ReplyException(ReplyFailure.TIMEOUT, "platz.x")).status()).isEqualTo(504);
  }

  @Test
  void aReplied500OrANonHttpCodeCarriesNoDetail() {
    ApiError fromBus = Failures.classify(0, new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "NullPointerException at Foo.java:12"));
    ApiError odd = Failures.classify(0, new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 7, "odd"));
    assertThat(fromBus.status()).isEqualTo(500);
    assertThat(fromBus.getMessage()).isEqualTo("internal error");
    assertThat(odd.status()).isEqualTo(500);
    assertThat(odd.getMessage()).isEqualTo("internal error");
  }

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
