package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.PlatzProcess;
import io.platz.app.support.Ports;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one database (here two instances in one JVM, each with its own Vert.x and cache): a revocation
 * made through one reaches the other's cache through PostgreSQL NOTIFY, without either assuming it is alone.
 */
class TwoInstancesTest {

  @Test
  void aRevocationOnOneInstanceReachesTheOthersCache() {
    PlatzConfig first = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl()));
    try (TestPlatform a = TestPlatform.start(first);
         TestPlatform b = TestPlatform.start(first.withHttpPort(Ports.free()))) {
      Fixtures fixtures = new Fixtures(a);
      String admin = fixtures.adminToken();
      String botId = fixtures.bot("shared-bot");
      String token = fixtures.botToken(botId);
      Api other = b.api();
      assertThat(other.get("/api/v2/auth/me", token).status()).as("b verifies and caches it").isEqualTo(200);
      assertThat(other.get("/api/v2/auth/me", token).status()).isEqualTo(200);

      String tokenId = a.api().get("/api/v2/bot-tokens?bot_id=" + botId, admin).items().getJsonObject(0).getString("id");
      assertThat(a.api().delete("/api/v2/bot-tokens/" + tokenId, admin).status()).isEqualTo(204);
      assertThat(a.api().get("/api/v2/auth/me", token).status()).isEqualTo(401);
      assertThat(eventuallyStatus(other, token)).as("b refuses it within a second").isEqualTo(401);

      String survivor = fixtures.botToken(botId);
      assertThat(other.get("/api/v2/auth/me", survivor).status()).isEqualTo(200);
      assertThat(a.api().put("/api/v2/bots/" + botId, admin, new JsonObject().put("display_name", "renamed")).status()).isEqualTo(200);
      assertThat(a.api().delete("/api/v2/bots/" + botId, admin).status()).isEqualTo(204);
      assertThat(eventuallyStatus(other, survivor)).isEqualTo(401);
    }
  }

  private static int eventuallyStatus(Api api, String token) {
    int status = api.get("/api/v2/auth/me", token).status();
    for (int i = 0; i < 20 && status != 401; i++) {
      PlatzProcess.sleep(50);
      status = api.get("/api/v2/auth/me", token).status();
    }
    return status;
  }
}
