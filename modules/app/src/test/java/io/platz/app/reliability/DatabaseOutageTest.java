package io.platz.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.AuditConsumer;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Fixtures;
import io.platz.app.support.LogCapture;
import io.platz.app.support.PlatzProcess;
import io.platz.app.support.Ports;
import io.platz.app.support.Response;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import io.platz.common.error.ApiError;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.EmbeddedDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under load. Requests that need it get a prompt 503, readiness says so, liveness does not care;
 * when it is back the service recovers by itself, and the audit trail has lost, doubled or reordered nothing.
 */
class DatabaseOutageTest {

  /** What one request of the load saw. */
  record Observation(long startedNanos, long millis, int status, String body) {
  }

  @TempDir
  Path pgDir;

  @Test
  void anOutageIsAPrompt503AndTheServiceRecoversByItself() throws Exception {
    int pgPort = Ports.free();
    EmbeddedDatabase database = EmbeddedDatabase.start(pgDir, pgPort);
    DatabaseSettings settings = database.settings();
    String url = "postgresql://" + settings.user() + ":" + settings.password() + "@127.0.0.1:" + pgPort + "/" + settings.database();
    PlatzConfig config = TestPlatform.config(Map.of("PLATZ_DATABASE_URL", url));
    AuditConsumer consumer = new AuditConsumer();
    List<Observation> observations = new CopyOnWriteArrayList<>();
    Set<String> committedBots = ConcurrentHashMap.newKeySet();
    AtomicBoolean loading = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(4);
    try (TestPlatform platz = TestPlatform.start(config, consumer::subscribe)) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String admin = fixtures.adminToken();
      String unusedToken = fixtures.botToken(fixtures.bot("never-used-before-the-outage"));
      AtomicInteger counter = new AtomicInteger();
      for (int worker = 0; worker < 4; worker++) {
        load.submit(() -> {
          while (loading.get()) {
            long started = System.nanoTime();
            int n = counter.incrementAndGet();
            Response response = n % 2 == 0
                ? api.post("/api/v2/bots", admin, new JsonObject().put("display_name", "outage-" + n))
                : api.get("/api/v2/bots?per_page=5", admin);
            observations.add(new Observation(started, (System.nanoTime() - started) / 1_000_000, response.status(), response.body()));
            if (response.status() == 201) {
              committedBots.add(response.json().getString("id"));
            }
          }
          return null;
        });
      }
      PlatzProcess.sleep(1_000);

      long stopped = System.nanoTime();
      database.close();
      PlatzProcess.sleep(3_000);
      Response ready = api.get("/ready");
      assertThat(ready.status()).as("not ready without a database").isEqualTo(503);
      try (LogCapture logs = LogCapture.attach()) {
        Response unverifiable = api.get("/api/v2/auth/me", unusedToken);
        assertThat(unverifiable.status()).as("a token nobody can look up is not a bad token").isEqualTo(503);
        assertThat(unverifiable.json().getString("message")).isNotEqualTo(ApiError.UNAUTHORIZED_MESSAGE);
        assertThat(logs.lines()).as("an outage is not a bug: no stack per request").noneMatch(line -> line.contains("/auth/me failed"));
      }
      assertThat(api.get("/status").status()).as("alive all the same").isEqualTo(200);

      long restarted = System.nanoTime();
      database = EmbeddedDatabase.start(pgDir, pgPort);
      long recovered = awaitFirstSuccessAfter(observations, restarted, Duration.ofSeconds(10));
      PlatzProcess.sleep(1_000);
      loading.set(false);
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(api.get("/ready").status()).isEqualTo(200);
      assertThat(api.get("/api/v2/auth/me", unusedToken).status()).isEqualTo(200);

      List<Observation> during = observations.stream()
          .filter(o -> o.startedNanos() > stopped + 300_000_000L && o.startedNanos() < restarted).toList();
      Map<Integer, Integer> statuses = new TreeMap<>();
      observations.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
      System.out.printf("outage: %d requests, statuses %s, slowest during the outage %d ms, recovered %d ms after restart%n",
          observations.size(), statuses, during.stream().mapToLong(Observation::millis).max().orElse(0),
          (recovered - restarted) / 1_000_000);
      assertThat(during).isNotEmpty().allSatisfy(o -> {
        assertThat(o.status()).isEqualTo(503);
        assertThat(new JsonObject(o.body()).getString("message")).isNotBlank();
        assertThat(o.millis()).as("no hang").isLessThan(6_000);
      });
      assertThat(statuses.keySet()).as("never a 500").allMatch(status -> status == 200 || status == 201 || status == 503);
      assertThat((recovered - restarted) / 1_000_000).as("recovers within 5 s of the database").isLessThan(5_000);

      long last = AuditTrailProbe.settledSeq(database.settings());
      consumer.awaitSeq(last);
      assertThat(TestDatabases.queryValue(database.settings(), "SELECT count(*) FROM audit_events")).isEqualTo(String.valueOf(last));
      assertThat(TestDatabases.queryValue(database.settings(), "SELECT count(*) FROM audit_events WHERE type = 'bot.created'"))
          .as("one event per committed bot, and no event without its bot")
          .isEqualTo(TestDatabases.queryValue(database.settings(), "SELECT count(*) FROM bots"));
      for (String bot : committedBots) {
        assertThat(TestDatabases.queryValue(database.settings(),
            "SELECT count(*) FROM audit_events WHERE type = 'bot.created' AND subject_id = '" + bot + "'")).isEqualTo("1");
      }
      assertThat(firstDeliveries(consumer.seqs())).as("each seq delivered, in order, none missing")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
      assertThat(AuditTrailProbe.verify(database.settings(), config.dataDir()).problems()).isEmpty();
    } finally {
      loading.set(false);
      load.shutdownNow();
      database.close();
    }
  }

  /** The consumer deduplicates on seq: what it keeps is each seq the first time it arrives. */
  private static List<Long> firstDeliveries(List<Long> seqs) {
    List<Long> kept = new ArrayList<>();
    for (long seq : seqs) {
      if (!kept.contains(seq)) {
        kept.add(seq);
      }
    }
    return kept;
  }

  private static long awaitFirstSuccessAfter(List<Observation> observations, long since, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var success = observations.stream().filter(o -> o.startedNanos() > since && o.status() < 300)
          .mapToLong(o -> o.startedNanos() + o.millis() * 1_000_000).min();
      if (success.isPresent()) {
        return success.getAsLong();
      }
      PlatzProcess.sleep(20);
    }
    throw new AssertionError("no success within " + timeout + " of the database coming back");
  }
}
