package io.platz.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Test;

/** How a failed module request becomes the asker's {@link ApiError} (through {@code ModuleBus}). */
class ApiErrorTest {

  @Test
  void theReplierCodeBecomesTheStatus() {
    ApiError error = ApiError.fromReply(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 409, "name taken"));
    assertThat(error.status()).isEqualTo(409);
    assertThat(error.getMessage()).isEqualTo("name taken");
  }

  @Test
  void noHandlerIs503AndATimeout504() {
    assertThat(ApiError.fromReply(new ReplyException(ReplyFailure.NO_HANDLERS, "platz.x")).status()).isEqualTo(503);
    assertThat(ApiError.fromReply(new ReplyException(ReplyFailure.TIMEOUT, "platz.x")).status()).isEqualTo(504);
  }

  @Test
  void aReplied500OrANonHttpCodeCarriesNoDetail() {
    ApiError fromBus = ApiError.fromReply(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "NullPointerException at Foo.java:12"));
    ApiError odd = ApiError.fromReply(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 7, "odd"));
    assertThat(fromBus.status()).isEqualTo(500);
    assertThat(fromBus.getMessage()).isEqualTo("internal error");
    assertThat(odd.status()).isEqualTo(500);
    assertThat(odd.getMessage()).isEqualTo("internal error");
  }
}
