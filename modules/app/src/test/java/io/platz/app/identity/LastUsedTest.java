package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code last_used_at} is written behind the request path, and not lost at shutdown. */
class LastUsedTest {

  @Test
  void aUseIsRecordedAfterTheRequestAndSurvivesARestart() {
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    String tokenId;
    try (TestPlatform platz = TestPlatform.start(config)) {
      Fixtures fixtures = new Fixtures(platz);
      String botId = fixtures.bot("busy-bot");
      String token = fixtures.botToken(botId);
      tokenId = platz.api().get("/api/v2/bot-tokens?bot_id=" + botId, fixtures.adminToken()).items().getJsonObject(0).getString("id");
      assertThat(lastUsed(platz, tokenId)).as("never used yet").isNull();
      for (int i = 0; i < 5; i++) {
        assertThat(platz.api().get("/api/v2/auth/me", token).status()).isEqualTo(200);
      }
    }
    try (TestPlatform platz = TestPlatform.start(config)) {
      assertThat(lastUsed(platz, tokenId)).isNotNull();
    }
  }

  private static String lastUsed(TestPlatform platz, String tokenId) {
    return platz.api().get("/api/v2/bot-tokens/" + tokenId, platz.adminToken()).json().getString("last_used_at");
  }
}
