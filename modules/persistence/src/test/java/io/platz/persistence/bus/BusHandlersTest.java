package io.platz.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.error.ApiError;
import io.vertx.core.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a guarded handler answers with: its result, or an {@link ApiError} whatever way it failed. */
class BusHandlersTest {

  @Test
  void anAnswerPassesThrough() {
    Future<?> answer = BusHandlers.guarded("echo", (String request) -> Future.succeededFuture(request)).apply("hello");

    assertThat(answer.result()).isEqualTo("hello");
  }

  @Test
  void aRefusalKeepsItsStatusAndMessage() {
    Future<?> answer = BusHandlers.guarded("find", (String request) -> Future.failedFuture(ApiError.notFound("bot")))
        .apply("missing");

    assertThat(answer.cause()).isInstanceOfSatisfying(ApiError.class, error -> {
      assertThat(error.status()).isEqualTo(404);
      assertThat(error.getMessage()).contains("bot");
    });
  }

  @Test
  void aHandlerThatThrowsFailsWithABare500InsteadOfThrowing() {
    Throwable[] thrownByHandler = {new IllegalStateException("internal detail"), new AssertionError("internal detail")};
    for (Throwable thrown : thrownByHandler) {
      Function<String, Future<?>> throwing = request -> {
        if (thrown instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) thrown;
      };

      Future<?> answer = BusHandlers.guarded("broken", throwing).apply("anything");

      assertThat(answer.cause()).as(thrown.getClass().getSimpleName()).isInstanceOfSatisfying(ApiError.class, error -> {
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.getMessage()).doesNotContain("internal detail");
      });
    }
  }

  @Test
  void anUnexpectedFailureIsABare500() {
    Function<String, Future<?>> failing = request -> Future.failedFuture(new RuntimeException("secret"));

    Future<?> answer = BusHandlers.guarded("broken", failing).apply("anything");

    assertThat(answer.cause()).isInstanceOfSatisfying(ApiError.class, error -> {
      assertThat(error.status()).isEqualTo(500);
      assertThat(error.getMessage()).doesNotContain("secret");
    });
  }
}
