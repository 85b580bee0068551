package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PLATZ_CONSOLE_SECURE_COOKIE=true}: the console's cookies are {@code Secure} even on a request that came
 * over plain http, as behind a proxy that ends TLS and does not say so. (The default, {@code auto}, is in
 * {@link ConsoleBeforeSignInTest}.)
 */
class ConsoleSecureCookieTest {

  @Test
  void setToTrueEveryCookieIsSecure() throws Exception {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_CONSOLE_SECURE_COOKIE", "true")))) {
      Fixtures fixtures = new Fixtures(platz);
      String token = fixtures.userToken(fixtures.user("Sam Secure"));
      List<String> cookies = ConsoleClient.cookiesSetBySignIn(platz.platform().config().httpPort(), token);
      assertThat(cookies).hasSize(2).allSatisfy(cookie -> assertThat(cookie).contains("; Secure").contains("HTTPOnly").contains("SameSite=Lax"));
      assertThat(cookies.get(1)).startsWith("platz.session=");
    }
  }
}
