package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Page;
import io.platz.app.support.Fixtures;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sign-in form is no way around the API's limit on failed authentications: wrong tokens typed into it count
 * against the address like wrong tokens sent to the API, and a valid token still signs in.
 */
class ConsoleSignInLimitTest {

  @Test
  void wrongTokensTypedIntoTheFormCountAgainstTheAddressAndAValidOneStillSignsIn() {
    try (TestPlatform platz = TestPlatform.start(TestPlatform.config(Map.of(
        "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(), "PLATZ_AUTH_FAILURES_PER_MINUTE", "3")))) {
      Fixtures fixtures = new Fixtures(platz);
      String erin = fixtures.userToken(fixtures.user("Erin User"));
      ConsoleClient browser = new ConsoleClient(platz.platform().config().httpPort());
      browser.get("/login");
      String wrong = "pzu_" + "0".repeat(71);

      assertThat(browser.post("/login", "token", wrong).status()).as("the form again, saying why").isEqualTo(200);
      assertThat(browser.post("/login", "token", "junk").status()).isEqualTo(200);
      Page limited = browser.post("/login", "token", wrong);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 60L);
      assertThat(limited.doc().select("#sign-in-error").text()).startsWith("Too many tokens were not accepted");
      assertThat(limited.body()).doesNotContain(wrong);
      assertThat(platz.api().get("/api/v2/auth/me", "junk").status()).as("the API counts the same tries").isEqualTo(429);

      Page signedIn = browser.post("/login", "token", erin);
      assertThat(signedIn.status()).as("a valid token is never slowed").isEqualTo(303);
      assertThat(browser.get("/profile/tokens").status()).isEqualTo(200);
    }
  }
}
