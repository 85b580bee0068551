package io.platz.latency;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One request path at a fixed arrival rate (Gatling's open model): each virtual user arrives on schedule, whatever
 * the server is doing, and sends its one request at once on a shared connection, or a new one when all are busy.
 * No request waits for an earlier one, so a stall of the server shows in the latency of every request due during
 * it. A warm-up at the same rate comes first (request name {@code warm-up}), for the load generator's own JIT; the
 * figures are those of {@code measured}. Set by system properties (see scripts/latency.sh): url, path, token,
 * status, rate (requests/s), seconds, warmup (s), and cpu.pids and cpu.out, the processes whose CPU time is written
 * to cpu.out when the injection starts and when it ends.
 */
public class FixedRateSimulation extends Simulation {

  private final String path = System.getProperty("path", "/status");
  private final String token = System.getProperty("token", "");
  private final int status = Integer.getInteger("status", 200);
  private final double rate = Double.parseDouble(System.getProperty("rate", "1000"));

  {
    setUp(arrivals("warm-up").injectOpen(constantUsersPerSec(rate).during(Integer.getInteger("warmup", 10)))
        .andThen(arrivals("measured").injectOpen(constantUsersPerSec(rate).during(Integer.getInteger("seconds", 60)))))
        .protocols(http.baseUrl(System.getProperty("url", "http://127.0.0.1:8080")).shareConnections().disableWarmUp());
  }

  @Override
  public void before() {
    writeCpuTicks("before");
  }

  @Override
  public void after() {
    writeCpuTicks("after");
  }

  private ScenarioBuilder arrivals(String name) {
    HttpRequestActionBuilder request = http(name).get(path).check(status().is(status));
    return scenario(name).exec(token.isEmpty() ? request : request.header("x-platz-token", token));
  }

  /**
   * Clock ticks of user and system time of each process in cpu.pids, with those of its waited-for children (so
   * that a PostgreSQL backend that ended during the run still counts through the postmaster), then this load
   * generator's own: one line per call.
   */
  private static void writeCpuTicks(String label) {
    String pids = System.getProperty("cpu.pids", "");
    String out = System.getProperty("cpu.out", "");
    if (pids.isEmpty() || out.isEmpty()) {
      return;
    }
    long ticks = Arrays.stream(pids.split(",")).mapToLong(FixedRateSimulation::ticks).sum();
    long own = ticks(Long.toString(ProcessHandle.current().pid()));
    try {
      Files.writeString(Path.of(out), label + " " + ticks + " " + own + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long ticks(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // fields after the command, which may hold spaces, in parentheses: utime is the 14th field overall
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    } catch (IOException e) {
      return 0; // a process that ended: its time went to its parent's children's time
    }
  }
}
