package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.PlatzProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code platz admin create-token --email}: for automation and recovery, with the same configuration as the server. */
class AdminCommandTest {

  @TempDir
  Path dataDir;

  @Test
  void printsATokenForASiteAdminOnTheLastLineOfStdout() {
    Map<String, String> env = Map.of("PLATZ_DATA_DIR", dataDir.toString());
    String token;
    try (PlatzProcess command = PlatzProcess.start(env, "admin", "create-token", "--email", "ops@example.org")) {
      assertThat(command.awaitExit(Duration.ofSeconds(90))).as(command.output()).isZero();
      token = command.printedToken();
    }
    assertThat(token).matches("pzu_[0-9A-Za-z]{71}");

    try (PlatzProcess server = PlatzProcess.start(env).awaitReady(Duration.ofSeconds(90))) {
      assertThat(server.output()).doesNotContain(token);
      var me = server.api().get("/api/v2/auth/me", token).json().getJsonObject("User");
      assertThat(me.getString("email")).isEqualTo("ops@example.org");
      assertThat(me.getBoolean("is_admin")).isTrue();
      assertThat(server.api().get("/api/v2/bot-tokens", token).status()).isEqualTo(200);

      try (PlatzProcess whileRunning = PlatzProcess.start(env, "admin", "create-token", "--email", "ops@example.org")) {
        assertThat(whileRunning.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(whileRunning.output()).contains("is in use by another Platz process");
      }
    }
  }

  @Test
  void aBadEmailOrUsageIsRefused() {
    Map<String, String> env = Map.of("PLATZ_DATA_DIR", dataDir.toString());
    try (PlatzProcess command = PlatzProcess.start(env, "admin", "create-token", "--email", "not an email")) {
      assertThat(command.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
      assertThat(command.output()).contains("platz: 'email' must be an email address");
    }
    try (PlatzProcess command = PlatzProcess.start(env, "admin", "make-coffee")) {
      assertThat(command.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(command.output()).contains("usage:");
    }
  }
}
