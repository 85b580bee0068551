package example.auditconsumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer against a real clustered Platz (the built jar, in a process of its own): it prints the events
 * written while it runs, and after its own restart those written while it was down, then the new ones, each
 * once and in seq order, from seq 1 on, without a gap or a repeat at the seam.
 */
class AuditConsumerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void printsEveryEventOnceInOrderAcrossItsOwnRestart() throws Exception {
    try (PlatzServer platz = PlatzServer.start(dir.resolve("platz-data"))) {
      String token = platz.adminToken();
      Settings settings = new Settings(platz.members(), platz.clusterName(), "127.0.0.1", PlatzServer.freePort(),
          platz.url(), token, dir.resolve("last-seq"));
      List<String> lines = new CopyOnWriteArrayList<>();

      Vertx first = AuditConsumer.start(settings, lines::add).toCompletionStage().toCompletableFuture().get();
      String whileRunning = platz.bot(token, "while it runs");
      awaitPrinted(lines, whileRunning);
      first.close().toCompletionStage().toCompletableFuture().get();

      String whileDown = platz.bot(token, "while it is down");
      Vertx second = AuditConsumer.start(settings.withPort(PlatzServer.freePort()), lines::add).toCompletionStage().toCompletableFuture().get();
      String afterRestart = platz.bot(token, "after its restart");
      awaitPrinted(lines, afterRestart);
      second.close().toCompletionStage().toCompletableFuture().get();

      List<JsonObject> events = lines.stream().map(JsonObject::new).toList();
      List<Long> seqs = events.stream().map(event -> event.getLong("seq")).toList();
      assertThat(seqs).as("from the first event on, each once, in order").containsExactlyElementsOf(
          LongStream.rangeClosed(1, seqs.size()).boxed().toList());
      assertThat(events.stream().map(event -> event.getString("subject_id")))
          .containsSubsequence(whileRunning, whileDown, afterRestart);
      assertThat(Files.readString(settings.stateFile()).strip()).isEqualTo(Long.toString(seqs.size()));
      assertThat(String.join("\n", lines)).as("no secret in an event").doesNotContain(token);
    }
  }

  private static void awaitPrinted(List<String> lines, String subjectId) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (lines.stream().noneMatch(line -> line.contains(subjectId)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(lines).as("printed lines").anyMatch(line -> line.contains(subjectId));
  }
}
