package io.platz.app.console;

import io.platz.app.support.TestPlatform;
import java.nio.file.Path;

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
    Chromium.requireInstalled();
    TestPlatform platz = TestPlatform.start();
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
