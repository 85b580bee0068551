package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.error.ApiError;
import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Failed authentications are limited per source address (429 with Retry-After); valid tokens are never slowed. */
class FailedAuthenticationLimitTest {

  @Test
  void anAddressThatKeepsFailingMustWaitWhileValidTokensKeepWorking() {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_AUTH_FAILURES_PER_MINUTE", "5")))) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String bot = fixtures.botToken(fixtures.bot("steady-bot"));
      // refused in two places: junk at the HTTP edge, a well-formed unknown token by the auth module
      String unknown = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value();

      for (int i = 0; i < 4; i++) {
        Response refused = api.get("/api/v2/auth/me", i % 2 == 0 ? "junk" : unknown);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().getString("message")).isEqualTo(ApiError.UNAUTHORIZED_MESSAGE);
      }
      Response limited = api.get("/api/v2/auth/me", "junk");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 60L);
      assertThat(limited.json().getString("message")).contains("try again later");
      Response limitedUnknown = api.get("/api/v2/auth/me", unknown);
      assertThat(limitedUnknown.status()).as("a bad but well-formed token too").isEqualTo(429);
      assertThat(limitedUnknown.header("retry-after")).isNotNull();
      assertThat(api.get("/api/v2/auth/me").status()).as("no token at all").isEqualTo(429);

      for (int i = 0; i < 20; i++) {
        assertThat(api.get("/api/v2/auth/me", bot).status()).as("valid credentials are never slowed").isEqualTo(200);
      }
      assertThat(api.get("/api/v2/auth/me", fixtures.adminToken()).status()).isEqualTo(200);
      assertThat(api.get("/status").status()).isEqualTo(200);
    }
  }
}
