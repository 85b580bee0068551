package io.platz.app.support;

import io.platz.common.config.PlatzConfig;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Platz server for all tests of a class, on a fresh database: register it as a static
 * {@code @RegisterExtension} field and use its API, fixtures and site-admin token.
 */
public final class SharedPlatform implements BeforeAllCallback, AfterAllCallback {

  private final Map<String, String> settings;
  private final Consumer<Vertx> beforeDeploy;
  private TestPlatform platz;
  private Fixtures fixtures;

  public SharedPlatform() {
    this(vertx -> { });
  }

  /** With {@code beforeDeploy} run on the server's Vert.x before its verticles start. */
  public SharedPlatform(Consumer<Vertx> beforeDeploy) {
    this(Map.of(), beforeDeploy);
  }

  /** With these settings (as environment variables) beside the fresh database. */
  public SharedPlatform(Map<String, String> settings) {
    this(settings, vertx -> { });
  }

  public SharedPlatform(Map<String, String> settings, Consumer<Vertx> beforeDeploy) {
    this.settings = settings;
    this.beforeDeploy = beforeDeploy;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Map<String, String> env = new HashMap<>(settings);
    env.put("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl());
    PlatzConfig config = TestPlatform.config(env);
    platz = TestPlatform.start(config, beforeDeploy);
    fixtures = new Fixtures(platz);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    platz.close();
  }

  public TestPlatform platz() {
    return platz;
  }

  public Api api() {
    return platz.api();
  }

  public Fixtures fixtures() {
    return fixtures;
  }

  public String admin() {
    return fixtures.adminToken();
  }
}
