package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import java.util.Map;
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
      String unknown = "pzb_" + "0".repeat(71);

      for (int i = 0; i < 4; i++) {
        assertThat(api.get("/api/v2/auth/me", i % 2 == 0 ? "junk" : unknown).status()).isEqualTo(401);
      }
      Response limited = api.get("/api/v2/auth/me", "junk");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 60L);
      assertThat(limited.json().getString("message")).contains("try again later");
      assertThat(api.get("/api/v2/auth/me", unknown).status()).as("a bad but well-formed token too").isEqualTo(429);
      assertThat(api.get("/api/v2/auth/me").status()).as("no token at all").isEqualTo(429);

      for (int i = 0; i < 20; i++) {
        assertThat(api.get("/api/v2/auth/me", bot).status()).as("valid credentials are never slowed").isEqualTo(200);
      }
      assertThat(api.get("/api/v2/auth/me", fixtures.adminToken()).status()).isEqualTo(200);
      assertThat(api.get("/status").status()).isEqualTo(200);
    }
  }
}
