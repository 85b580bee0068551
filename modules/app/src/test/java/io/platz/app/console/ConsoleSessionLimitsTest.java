package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.SharedPlatform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What signed-in people can make the console hold: a few sessions each (here 2: signing in once more ends their
 * oldest) and a bounded number in all (here 4: signing in beyond it ends the session idle longest).
 */
class ConsoleSessionLimitsTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform(Map.of("PLATZ_CONSOLE_SESSIONS_PER_PERSON", "2",
      "PLATZ_CONSOLE_SESSIONS_MAX", "4"));
  private static ConsoleWorld world;

  @BeforeAll
  static void world() {
    world = new ConsoleWorld(PLATZ.platz());
  }

  @Test
  void signingInOnceMoreThanAPersonMayEndsTheirOldestSession() {
    ConsoleClient kims = world.signedIn(world.kim);
    ConsoleClient first = world.signedIn(world.erin);
    ConsoleClient second = world.signedIn(world.erin);
    ConsoleClient third = world.signedIn(world.erin);

    assertThat(first.get("/envs").location()).startsWith("/login?next=");
    assertThat(second.get("/envs").status()).isEqualTo(200);
    assertThat(third.get("/envs").status()).isEqualTo(200);
    assertThat(kims.get("/envs").status()).as("another person's session").isEqualTo(200);
    assertThat(first.signIn(world.erin).status()).as("signing in again is always possible").isEqualTo(200);
    assertThat(second.get("/envs").location()).startsWith("/login?next=");
  }

  @Test
  void signingInBeyondTheLimitOfTheProcessEndsTheSessionIdleLongest() {
    List<String> tokens = List.of("One", "Two", "Three", "Four", "Five").stream()
        .map(name -> world.fixtures.userToken(world.fixtures.user("Cap " + name))).toList();
    ConsoleClient one = world.signedIn(tokens.get(0));
    ConsoleClient two = world.signedIn(tokens.get(1));
    ConsoleClient three = world.signedIn(tokens.get(2));
    ConsoleClient four = world.signedIn(tokens.get(3));
    assertThat(one.get("/envs").status()).isEqualTo(200);

    ConsoleClient five = world.signedIn(tokens.get(4));
    assertThat(two.get("/envs").location()).as("idle longest").startsWith("/login?next=");
    for (ConsoleClient still : List.of(one, three, four, five)) {
      assertThat(still.get("/envs").status()).isEqualTo(200);
    }
    assertThat(world.sessionsHeld()).isEqualTo(4);
  }
}
