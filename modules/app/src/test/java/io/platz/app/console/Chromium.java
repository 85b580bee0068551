package io.platz.app.console;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its own chromedriver: both paths given, so Selenium Manager never runs
 * and nothing is downloaded. Missing locally, the browser tests are skipped; with {@code CI=true} they fail.
 */
final class Chromium implements AutoCloseable {

  static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--window-size=1280,900", "--force-prefers-reduced-motion", "--hide-scrollbars",
      "--lang=en-US", "--force-color-profile=srgb",
      // the tests' pages are all on loopback: a name anywhere else is not even looked up
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost");

  /** Held here: java.util.logging keeps only weak references to loggers, and a collected one forgets its level. */
  private static final List<java.util.logging.Logger> QUIET = List.of(
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
      java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

  /** The reader's time zone: in December, GMT+1. */
  static final String READER_TIME_ZONE = "Europe/Berlin";

  final WebDriver driver;

  private Chromium(WebDriver driver) {
    this.driver = driver;
  }

  /** Skips the calling test class when there is no Chromium, unless this is CI. */
  static void requireInstalled() {
    boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + BINARY + " or " + DRIVER + " is missing: .ci/run installs chromium and chromium-driver");
    }
    assumeTrue(installed, "Chromium or chromedriver not installed: browser tests skipped");
  }

  static Chromium start(Path profile) {
    // the CDP version finder warns that no devtools matches this Chromium: none is needed for WebDriver
    QUIET.forEach(logger -> logger.setLevel(Level.OFF));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // a reader far from the server's UTC, so that times shown in the reader's zone can be told from UTC
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
        .withEnvironment(Map.of("TZ", READER_TIME_ZONE)).build();
    return new Chromium(new ChromeDriver(service, options));
  }

  /**
   * Waits for what a person would see. The bound is generous because CI's two cores are shared with the server and
   * its database; a wait that is met returns as soon as it is. A node that the page replaces while a condition reads
   * it is looked up again on the next poll instead of failing the test. Chrome sometimes reports such a node not as a
   * stale reference but as an "unknown error" saying the node does not belong to the document (CI saw it on an htmx
   * swap); that is the same event and is treated the same way.
   */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50)) {
      @Override
      public <V> V until(Function<? super WebDriver, ? extends V> condition) {
        return super.until(page -> {
          try {
            return condition.apply(page);
          } catch (WebDriverException e) {
            throw isDetachedNode(e) ? new StaleElementReferenceException(e.getMessage(), e) : e;
          }
        });
      }
    };
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static boolean isDetachedNode(WebDriverException e) {
    return !(e instanceof StaleElementReferenceException) && String.valueOf(e.getMessage()).contains("does not belong to the document");
  }

  /** Clicks what the locator finds once it can be clicked, finding it again if the page swapped it meanwhile. */
  void click(By by) {
    waiting().ignoring(ElementClickInterceptedException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  /** The text of what the selector finds, read when it is there and not while the page replaces it. */
  String text(By by) {
    return waiting().until(d -> d.findElement(by).getText());
  }

  /**
   * Waits until the element the locator finds has the keyboard focus. The focused element is asked of the page and
   * compared by identity, never read: the page may be removing it (a closing dialog hands focus back a moment later).
   */
  void waitForFocusOn(By by) {
    waiting().withMessage(() -> "focus on " + by).until(d -> d.findElement(by).equals(((JavascriptExecutor) d).executeScript("return document.activeElement")));
  }

  /** The browser console's errors so far (a CSP violation would be one). */
  List<String> severeConsoleEntries() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * What axe-core finds against WCAG 2.1 A and AA in what the window shows now (an open modal dialog included), one
   * line per rule and node, empty when there is nothing.
   */
  List<String> accessibilityViolations() {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
    return results.getViolations().stream()
        .flatMap(rule -> rule.getNodes().stream().map(node -> rule.getId() + " " + node.getTarget() + ": " + node.getFailureSummary()))
        .toList();
  }

  /**
   * What makes the page wider than the window, so that a reader would have to scroll it sideways: empty when the page
   * fits (document.documentElement.scrollWidth <= innerWidth), else the elements reaching past the window's right edge
   * that no box of their own scrolls.
   */
  @SuppressWarnings("unchecked")
  List<String> sidewaysScroll() {
    return (List<String>) ((JavascriptExecutor) driver).executeScript("""
        if (document.documentElement.scrollWidth <= window.innerWidth) return [];
        const scrolledInABox = (element) => {
          for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible') return true;
          }
          return false;
        };
        const outside = [...document.body.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth && !scrolledInABox(e))
          .map((e) => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
        return outside.length > 0 ? outside : ['the page, ' + (document.documentElement.scrollWidth - window.innerWidth) + ' px too wide'];
        """);
  }

  /** A picture of the whole page, for the README's docs/console when asked for (see {@link #pictures()}). */
  void screenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(), Math.min(height.intValue() + 20, 2400))));
    try {
      viewport(name);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  /** A picture of what the window shows, for a dialog over the page. */
  void viewport(String name) {
    try {
      Path dir = pictures();
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where pictures go: target/console-screenshots, so a test run leaves the working tree clean; the repository's
   * docs/console with {@code -Dplatz.screenshots=docs}, to refresh the README's pictures after a page changes.
   */
  static Path pictures() {
    if (!"docs".equals(System.getProperty("platz.screenshots"))) {
      return Path.of("target", "console-screenshots");
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root (a directory with .ci) above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("docs").resolve("console");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
