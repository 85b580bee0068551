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

/**
 * Failed authentications are limited per source address (429 with Retry-After), and cost the database nothing once
 * an address is over its limit or repeats a token it was just refused; tokens in use are never slowed. Database
 * lookups are counted by {@code platz_auth_credential_lookups_total} on {@code /metrics}.
 */
class FailedAuthenticationLimitTest {

  @Test
  void anAddressThatKeepsFailingMustWaitWhileTokensInUseKeepWorking() {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_AUTH_FAILURES_PER_MINUTE", "5")))) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String bot = fixtures.botToken(fixtures.bot("steady-bot"));
      assertThat(api.get("/api/v2/auth/me", bot).status()).isEqualTo(200);
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
      for (String[] forged : new String[][] {{"X-Forwarded-For", "203.0.113.7"}, {"Forwarded", "for=203.0.113.8"}}) {
        Response stillLimited = api.send(api.request("/api/v2/auth/me", unknown).header(forged[0], forged[1]));
        assertThat(stillLimited.status()).as("a guesser naming another address in %s", forged[0]).isEqualTo(429);
      }

      long lookups = lookups(api);
      for (int i = 0; i < 20; i++) {
        String guess = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value();
        assertThat(api.get("/api/v2/auth/me", guess).status()).as("a new guess each time").isEqualTo(429);
      }
      assertThat(lookups(api)).as("guesses from an address over its limit never reach the database").isEqualTo(lookups);

      for (int i = 0; i < 20; i++) {
        assertThat(api.get("/api/v2/auth/me", bot).status()).as("a token in use is never slowed").isEqualTo(200);
      }
      assertThat(api.get("/api/v2/auth/me", fixtures.adminToken()).status()).isEqualTo(200);
      assertThat(api.get("/status").status()).isEqualTo(200);
    }
  }

  @Test
  void aRefusedTokenRepeatedIsLookedUpOnceAndANewTokenIsNeverRefusedForIt() {
    try (TestPlatform platz = TestPlatform.start()) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String botId = fixtures.bot("looked-up-bot");
      String bot = fixtures.botToken(botId);
      String unknown = TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value();
      // the real token's id with another secret: a guess at its secret
      UUID realId = TokenFormat.parse(bot).orElseThrow().id();
      String wrongSecret = fixtures.remember(TokenFormat.generate(TokenKind.BOT, realId).value());

      long before = lookups(api);
      for (int i = 0; i < 10; i++) {
        assertThat(api.get("/api/v2/auth/me", unknown).status()).isEqualTo(401);
        assertThat(api.get("/api/v2/auth/me", wrongSecret).status()).isEqualTo(401);
      }
      assertThat(lookups(api) - before).as("one lookup for each token, however often it comes").isEqualTo(2);

      assertThat(api.get("/api/v2/auth/me", bot).status()).as("the guessed-at token still works").isEqualTo(200);
      String minted = fixtures.botToken(botId);
      assertThat(api.get("/api/v2/auth/me", minted).status()).as("a token minted since").isEqualTo(200);
    }
  }

  private static long lookups(Api api) {
    String metrics = api.get("/metrics").body();
    return metrics.lines().filter(line -> line.startsWith("platz_auth_credential_lookups_total"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
