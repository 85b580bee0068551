package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Ports;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.common.token.TokenFormat;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two unclustered instances on one database, with no sticky sessions in front of them: a console session started on
 * one works on the other, and whatever ends it on one (signing out, revoking its token, deactivating its person, a
 * sign-in past the person's limit) ends it on the other at the next click. What the database keeps of a session is
 * of no use to whoever reads it.
 */
class ConsoleSessionsOnTwoInstancesTest {

  private static TestPlatform a;
  private static TestPlatform b;
  private static ConsoleWorld world;

  @BeforeAll
  static void start() {
    PlatzConfig first = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(),
        "PLATZ_CONSOLE_SESSIONS_PER_PERSON", "2"));
    a = TestPlatform.start(first);
    b = TestPlatform.start(first.withHttpPort(Ports.free()));
    world = new ConsoleWorld(a);
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  @Test
  void aSessionStartedOnOneInstanceWorksOnTheOtherAndASignOutThereEndsItOnBoth() {
    ConsoleClient browser = world.signedIn(world.erin);
    String cookie = browser.cookie("platz.session");

    assertThat(browser.to(port(b)).get("/envs").status()).as("the session on b").isEqualTo(200);
    assertThat(browser.post("/logout").location()).as("signed out on b, with the CSRF token of b's page").isEqualTo("/login?signed_out=1");

    assertThat(browser.to(port(a)).get("/envs").location()).as("signed out on a").startsWith("/login?next=");
    ConsoleClient copied = new ConsoleClient(port(a));
    copied.plantCookie("platz.session", cookie);
    assertThat(copied.get("/envs").location()).as("a copy of the cookie, kept from before").startsWith("/login?next=");
  }

  @Test
  void revokingTheSessionsTokenOnOneInstanceEndsTheSessionOnTheOtherAtTheNextClick() {
    String userId = world.fixtures.user("Rita Revoked");
    ConsoleClient browser = world.signedIn(world.fixtures.userToken(userId));
    assertThat(browser.to(port(b)).get("/envs").status()).isEqualTo(200);

    String tokenId = world.api.get("/api/v2/user-tokens?user_id=" + userId, world.admin).items().getJsonObject(0).getString("id");
    assertThat(world.api.delete("/api/v2/user-tokens/" + tokenId, world.admin).status()).as("revoked on a").isEqualTo(204);

    assertThat(browser.get("/envs").location()).as("the next click, on b").startsWith("/login?ended=1");
    assertThat(browser.to(port(a)).get("/envs").location()).as("and on a").startsWith("/login?next=");
  }

  @Test
  void deactivatingThePersonOnOneInstanceEndsTheirSessionOnTheOther() {
    String userId = world.fixtures.user("Dora Departing");
    ConsoleClient browser = world.signedIn(world.fixtures.userToken(userId));
    assertThat(browser.to(port(b)).get("/profile/tokens").status()).isEqualTo(200);

    assertThat(world.api.put("/api/v2/users/" + userId, world.admin, new JsonObject().put("is_active", false)).status())
        .as("deactivated on a").isEqualTo(200);

    assertThat(browser.get("/profile/tokens").location()).as("the next click, on b").startsWith("/login?ended=1");
  }

  @Test
  void signingInOnceMoreThanAPersonMayOnEitherInstanceEndsTheirOldestSessionOnBoth() {
    String token = world.fixtures.userToken(world.fixtures.user("Lena Limited"));
    ConsoleClient first = world.signedIn(token);
    ConsoleClient second = new ConsoleClient(port(b));
    assertThat(second.signIn(token).status()).isEqualTo(200);
    ConsoleClient third = new ConsoleClient(port(b));
    assertThat(third.signIn(token).status()).isEqualTo(200);

    assertThat(first.get("/envs").location()).as("the oldest, on a").startsWith("/login?next=");
    assertThat(first.to(port(b)).get("/envs").location()).as("the oldest, on b").startsWith("/login?next=");
    assertThat(second.to(port(a)).get("/envs").status()).isEqualTo(200);
    assertThat(third.to(port(a)).get("/envs").status()).isEqualTo(200);
    assertThat(third.get("/profile/tokens").doc().select("#sessions tbody tr")).as("the sessions listed, on a").hasSize(2);
  }

  @Test
  void theStoredSessionHoldsNothingUsableAsACredential() {
    String userId = world.fixtures.user("Stella Stored");
    String token = world.fixtures.userToken(userId);
    ConsoleClient browser = world.signedIn(token);
    String secret = browser.cookie("platz.session");
    String tokenId = TokenFormat.parse(token).orElseThrow().id().toString();

    String rows = TestDatabases.queryValue(a.platform().database(),
        "SELECT string_agg(row_to_json(s)::text, E'\\n') FROM console_sessions s WHERE user_id = '" + userId + "'");

    assertThat(rows).as("the session is there, naming its token by id").contains(tokenId);
    assertThat(rows).doesNotContain(token).doesNotContain(token.substring(4))
        .doesNotContain(TokenFormat.parse(token).orElseThrow().secret()).doesNotContain(secret);
  }

  private static int port(TestPlatform instance) {
    return instance.platform().config().httpPort();
  }
}
