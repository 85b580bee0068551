package io.platz.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.common.error.ApiError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  @Test
  void parsesAnObjectAndTreatsAnEmptyBodyAsEmpty() {
    assertThat(JsonBodies.parseObject("{\"a\": [1, {\"b\": null}]}".getBytes()).getJsonArray("a").size()).isEqualTo(2);
    assertThat(JsonBodies.parseObject(new byte[0]).isEmpty()).isTrue();
  }

  @Test
  void refusesWhatLenientParsersLetThrough() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertRefused("{\"a\":1,\"a\":2}".getBytes(), "appears twice");
    assertRefused(deep.getBytes(), "nested deeper");
    assertRefused("{} {}".getBytes(), "more after");
    assertRefused("{\"a\":".getBytes(), "ends too early");
    assertRefused(badUtf8, "UTF-8");
    assertRefused("[1,2]".getBytes(), "JSON object");
    assertRefused("\"text\"".getBytes(), "JSON object");
    assertRefused("{/*c*/}".getBytes(), "not valid JSON");
  }

  @Test
  void refusesWhatCannotBeStoredAndReadBackAsSent() {
    assertRefused("{\"config\":{\"k\":\"a\\u0000b\"}}".getBytes(), "'config.k' must not contain NUL");
    assertRefused("{\"config\":{\"a\\u0000\":1}}".getBytes(), "a key in 'config' must not contain NUL");
    assertRefused("{\"operation\":{\"InvokeAction\":{\"body\":[\"x\",\"\\u0000\"]}}}".getBytes(),
        "'operation.InvokeAction.body[1]' must not contain NUL");
    assertRefused("{\"config\":{\"k\":\"\\ud83c\"}}".getBytes(), "'config.k' must not contain a lone UTF-16 surrogate");
    assertRefused("{\"name\":\"\\udc00x\"}".getBytes(), "'name' must not contain a lone");
    assertRefused("{\"config\":{\"k\":1e309}}".getBytes(), "'config.k' must be a finite number");
    assertRefused("{\"config\":{\"k\":-1e309}}".getBytes(), "'config.k' must be a finite number");
    assertThat(JsonBodies.parseObject("{\"k\":\"\\ud83c\\udf89 1e308\",\"n\":1e308}".getBytes())
        .getString("k")).isEqualTo("\ud83c\udf89 1e308");
  }

  @Test
  void neverEchoesTheInput() {
    String secret = "pzu_ThisLooksLikeASecretToken";
    assertThatThrownBy(() -> JsonBodies.parseObject(("{\"a\": " + secret + "}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ApiError.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("ThisLooks"));
  }

  private static void assertRefused(byte[] body, String saying) {
    assertThatThrownBy(() -> JsonBodies.parseObject(body))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining(saying)
        .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(400));
  }
}
