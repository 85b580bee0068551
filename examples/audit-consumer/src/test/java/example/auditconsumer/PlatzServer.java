package example.auditconsumer;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code platz.jar} as a process of its own, clustered alone on loopback under a name unique to this run,
 * with its embedded PostgreSQL in {@code dataDir}: the consumer under test shares nothing with it but the cluster.
 */
final class PlatzServer implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path dataDir;
  private final int httpPort;
  private final int clusterPort;
  private final String clusterName = "audit-consumer-test-" + UUID.randomUUID();

  private PlatzServer(Path dataDir) throws IOException {
    Path jar = Path.of(System.getProperty("platz.jar", "../../modules/app/target/platz.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build modules/app first (mvn -B -ntp install -DskipTests)");
    }
    this.dataDir = dataDir;
    this.httpPort = freePort();
    this.clusterPort = freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString())
        .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling("platz.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PLATZ_"));
    builder.environment().put("PLATZ_DATA_DIR", dataDir.toString());
    builder.environment().put("PLATZ_HTTP_PORT", Integer.toString(httpPort));
    builder.environment().put("PLATZ_CLUSTER_NAME", clusterName);
    builder.environment().put("PLATZ_CLUSTER_PORT", Integer.toString(clusterPort));
    builder.environment().put("PLATZ_CLUSTER_MEMBERS", member());
    this.process = builder.start();
  }

  static PlatzServer start(Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    PlatzServer server = new PlatzServer(dataDir);
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline && server.process.isAlive()) {
      try {
        if (server.send(HttpRequest.newBuilder(server.url().resolve("/ready"))).statusCode() == 200) {
          return server;
        }
      } catch (IOException notListeningYet) {
        // starting
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("Platz did not get ready: " + Files.readString(dataDir.resolveSibling("platz.log")));
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  String clusterName() {
    return clusterName;
  }

  String member() {
    return "127.0.0.1:" + clusterPort;
  }

  List<String> members() {
    return List.of(member());
  }

  /** The first site admin's token, which Platz wrote at its first start. */
  String adminToken() throws IOException {
    return Files.readString(dataDir.resolve("initial-admin-token")).strip();
  }

  /** Makes a bot, which writes one audit event; answers its id. */
  String bot(String token, String name) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(url().resolve("/api/v2/bots"))
        .header("x-platz-token", token).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"display_name\":\"" + name + "\"}")));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("POST /api/v2/bots answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body()).getString("id");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
