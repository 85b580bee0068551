package io.platz.app.console;

import io.platz.app.support.TestPlatform;
import io.platz.common.config.PlatzConfig;
import java.nio.file.Path;
import java.util.function.Supplier;

/** What a browser test class starts once: a platform with the console's world in it, and a Chromium to look at it. */
final class BrowserPlatform implements AutoCloseable {

  final TestPlatform platz;
  final ConsoleWorld world;
  final Chromium chromium;
  final String base;

  private BrowserPlatform(TestPlatform platz, Chromium chromium) {
    this.platz = platz;
    this.world = new ConsoleWorld(platz);
    this.chromium = chromium;
    this.base = "http://127.0.0.1:" + platz.platform().config().httpPort();
  }

  /** Skips the calling class when Chromium is missing (see {@link Chromium#requireInstalled()}). */
  static BrowserPlatform start(Path profile) {
    return start(profile, TestPlatform::start);
  }

  /** With settings of its own (an identity provider, say). */
  static BrowserPlatform start(Path profile, PlatzConfig config) {
    return start(profile, () -> TestPlatform.start(config));
  }

  private static BrowserPlatform start(Path profile, Supplier<TestPlatform> platform) {
    Chromium.requireInstalled();
    TestPlatform platz = platform.get();
    try {
      return new BrowserPlatform(platz, Chromium.start(profile));
    } catch (RuntimeException e) {
      platz.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      platz.close();
    }
  }
}
