package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.EmbeddedServerFiles;
import io.platz.app.support.Eventually;
import io.platz.app.support.PlatzProcess;
import io.platz.app.support.Ports;
import io.platz.app.support.TestDatabases;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a real operating-system process shows: signals, kill -9, a second instance, exit codes. */
class ProcessLifecycleTest {

  private static final Duration START = Duration.ofSeconds(90);

  @TempDir
  Path dataDir;

  @Test
  void sigtermDrainsInFlightRequestsStopsEverythingAndExitsZero() throws Exception {
    try (PlatzProcess platz = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START)) {
      long postgres = EmbeddedServerFiles.serverPid(dataDir);
      assertThat(ProcessHandle.of(postgres)).isPresent();

      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), platz.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v2/server HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
            + "content-length: 4\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        PlatzProcess.sleep(300);

        platz.sigterm();
        // the rest of the request goes once the server is shutting down, as it says in its log
        assertThat(Eventually.read(platz::output, output -> output.contains("SIGTERM received"))).contains("SIGTERM received");
        out.write("  ".getBytes(StandardCharsets.US_ASCII));
        out.flush();

        InputStream in = socket.getInputStream();
        String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(answer).as("the request in flight at SIGTERM is still answered").isEqualTo("HTTP/1.1 405");
      }

      assertThat(platz.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(platz.output()).contains("SIGTERM received").contains("stopped");
      waitUntilGone(postgres); // PostgreSQL removes its pid file a moment before its process ends
      assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false)).as("embedded PostgreSQL stopped").isFalse();
      assertThat(EmbeddedServerFiles.serverPid(dataDir)).isEqualTo(-1);
    }
  }

  @Test
  void sigtermStopsABackgroundJobWhoseSigintIsIgnored() {
    try (PlatzProcess platz = PlatzProcess.startIgnoringSigint(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START)) {
      platz.sigterm();
      assertThat(platz.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(platz.output()).contains("SIGTERM received").contains("stopped");
    }
  }

  @Test
  void aCommittedChangeSurvivesKillMinus9OfEverything() throws Exception {
    try (PlatzProcess platz = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START)) {
      TestDatabases.execute(EmbeddedServerFiles.settings(dataDir),
          "INSERT INTO users (display_name, email) VALUES ('Durable', 'durable@example.org')");
      long postgres = EmbeddedServerFiles.serverPid(dataDir);

      platz.sigkill();
      new ProcessBuilder("kill", "-9", "--", "-" + postgres).start().waitFor();
      waitUntilGone(postgres);
    }
    try (PlatzProcess platz = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START)) {
      assertThat(TestDatabases.queryValue(EmbeddedServerFiles.settings(dataDir),
          "SELECT display_name FROM users WHERE email = 'durable@example.org'")).isEqualTo("Durable");
    }
  }

  @Test
  void aRestartAfterACrashStopsTheOrphanedDatabaseAndComesUp() {
    long orphan;
    try (PlatzProcess platz = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START)) {
      orphan = EmbeddedServerFiles.serverPid(dataDir);
      platz.sigkill();
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("PostgreSQL outlives a killed Platz").hasValue(true);

    try (PlatzProcess platz = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START)) {
      assertThat(platz.output()).contains("left running by a previous Platz process");
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(EmbeddedServerFiles.serverPid(dataDir)).isNotEqualTo(orphan);
    }
  }

  @Test
  void aSecondInstanceOnTheSameDataDirectoryFailsFast() {
    try (PlatzProcess first = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString())).awaitReady(START);
         PlatzProcess second = PlatzProcess.start(Map.of("PLATZ_DATA_DIR", dataDir.toString()))) {
      assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(lastLine(second.output())).startsWith("platz: data directory ")
          .contains("is in use by another Platz process (pid " + first.pid() + ")");
      assertThat(first.api().get("/ready").status()).isEqualTo(200);
    }
  }

  @Test
  void aTakenPortFailsWithOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(Ports.free(), 1, InetAddress.getByName("0.0.0.0"))) {
      try (PlatzProcess platz = PlatzProcess.start(Map.of(
          "PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(),
          "PLATZ_DATA_DIR", dataDir.toString(),
          "PLATZ_HTTP_PORT", Integer.toString(taken.getLocalPort())))) {
        assertThat(platz.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(lastLine(platz.output())).startsWith("platz: cannot listen on 0.0.0.0:" + taken.getLocalPort());
      }
    }
  }

  @Test
  void anUnreachableDatabaseFailsWithOneClearLine() {
    int closed = Ports.free();
    try (PlatzProcess platz = PlatzProcess.start(Map.of(
        "PLATZ_DATABASE_URL", "postgresql://platz:secret@127.0.0.1:" + closed + "/platz",
        "PLATZ_DATA_DIR", dataDir.toString()))) {
      assertThat(platz.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      String line = lastLine(platz.output());
      assertThat(line).startsWith("platz: cannot reach PostgreSQL at 127.0.0.1:" + closed + "/platz").doesNotContain("secret");
    }
  }

  @Test
  void aBadSettingFailsWithOneClearLine() {
    try (PlatzProcess platz = PlatzProcess.start(Map.of("PLATZ_HTTP_PORT", "eighty"))) {
      assertThat(platz.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(lastLine(platz.output())).isEqualTo("platz: PLATZ_HTTP_PORT must be a whole number, not 'eighty'");
    }
  }

  private static String lastLine(String output) {
    return output.strip().lines().reduce((first, second) -> second).orElse("");
  }

  private static void waitUntilGone(long pid) {
    Eventually.read(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
  }
}
