package io.platz.app.support;

import io.platz.app.Platform;
import io.platz.common.bus.Addresses;
import io.platz.common.config.ConfigLoader;
import io.platz.common.config.PlatzConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A Platz server started in the test JVM with the same wiring as {@code Main}. */
public final class TestPlatform implements AutoCloseable {

  private final Platform platform;
  private final Api api;

  private TestPlatform(Platform platform) {
    this.platform = platform;
    this.api = new Api(platform.config().httpPort());
  }

  /** On a fresh database of the shared test server, given as {@code PLATZ_DATABASE_URL}. */
  public static TestPlatform start() {
    return start(config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl())));
  }

  /** On the embedded default, with its data in {@code dataDir}. */
  public static TestPlatform startEmbedded(Path dataDir) {
    return start(config(Map.of("PLATZ_DATA_DIR", dataDir.toString())));
  }

  public static TestPlatform start(PlatzConfig config) {
    return start(config, vertx -> { });
  }

  /**
   * With {@code beforeDeploy} run on the server's Vert.x before its verticles start (to subscribe to its bus).
   * Every audit event and log line of every test platform goes into the {@link Evidence} for the secrets scan.
   */
  public static TestPlatform start(PlatzConfig config, Consumer<Vertx> beforeDeploy) {
    LogCapture.everything();
    return new TestPlatform(Platform.start(config, vertx -> {
      vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_EVENTS, event -> Evidence.text(event.body().encode()));
      beforeDeploy.accept(vertx);
    }));
  }

  /**
   * The configuration {@code Main} would read from these environment variables, on a free port. Tests make many
   * failed authentications on purpose from one address; unless a test sets its own limit, it is set out of reach.
   */
  public static PlatzConfig config(Map<String, String> env) {
    Map<String, String> settings = new HashMap<>(env);
    settings.putIfAbsent("PLATZ_AUTH_FAILURES_PER_MINUTE", "1000000");
    PlatzConfig config = ConfigLoader.load(settings).withHttpPort(Ports.free());
    if (!env.containsKey("PLATZ_DATA_DIR")) {
      config = config.withDataDir(tempDir());
    }
    return config;
  }

  public Api api() {
    return api;
  }

  /** The token the first start wrote for the first site admin. */
  public String adminToken() {
    return adminToken(platform.config().dataDir());
  }

  /** The token the first start wrote into {@code dataDir} for the first site admin. */
  static String adminToken(Path dataDir) {
    try {
      String token = Files.readString(dataDir.resolve("initial-admin-token")).trim();
      Evidence.token(token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Platform platform() {
    return platform;
  }

  @Override
  public void close() {
    platform.stop();
  }

  static Path tempDir() {
    return TempDirs.create("platz-data");
  }
}
