package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Every console page and every dialog on it, at a desktop's width and a phone's, as a site admin, as a plain user and
 * before sign-in: axe-core finds nothing against WCAG 2.1 A and AA, nothing makes the page scroll sideways, and each
 * dialog opens, is read and closes with the keyboard alone, with the same close button and footer, giving focus back.
 */
@Tag("browser")
class ConsoleAccessibilityTest {

  private static final List<Integer> WIDTHS = List.of(1280, 375);
  /** What is left of a dialog's id once the row or kind it belongs to is taken off: one check per kind of dialog. */
  private static final String ROW_SUFFIX = "-[0-9a-f]{8}-[0-9a-f-]{27}$";

  @TempDir
  static Path profile;

  private static BrowserPlatform browser;
  private static ConsoleWorld world;
  private static Chromium chromium;
  private static WebDriver driver;
  private static String base;
  private static String botId;
  private static String deletedBotId;
  /** Every finding of a walk, so that one run measures them all. */
  private SoftAssertions softly = new SoftAssertions();

  @BeforeAll
  static void start() {
    browser = BrowserPlatform.start(profile);
    world = browser.world;
    base = browser.base;
    chromium = browser.chromium;
    driver = chromium.driver;
    // a page with something on it: a bot with a token and a role, one deleted, History with tasks, a token of Erin's
    botId = world.fixtures.bot("ci-deploy-prod");
    world.fixtures.botToken(botId);
    world.fixtures.envRole(world.prod, botId, "User");
    deletedBotId = world.fixtures.bot("retired-bot");
    assertThat(world.api.delete("/api/v2/bots/" + deletedBotId, world.admin).status()).isEqualTo(204);
    assertThat(world.restart(world.kim, world.api1).status()).isEqualTo(201);
    world.fixtures.remember(world.erin);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void nothingFound() {
    softly.assertAll();
  }

  @Test
  void asASiteAdmin() {
    walk(world.admin, "/admin/bots", "/admin/bots/" + botId, "/admin/bots/" + deletedBotId, "/admin/users", "/admin/audit",
        "/admin/no-such-page");
    photographAtAPhonesWidth();
  }

  @Test
  void asAPlainUser() {
    walk(world.erin, "/admin/bots");
  }

  @Test
  void beforeSignIn() {
    for (int width : WIDTHS) {
      resize(width);
      driver.manage().deleteAllCookies();
      driver.get(base + "/login");
      checkWhatIsShown("/login", width);
      chromium.waiting().until(visibilityOfElementLocated(By.id("token"))).sendKeys("pzu_not-a-token", Keys.ENTER);
      chromium.waiting().until(visibilityOfElementLocated(By.id("sign-in-error")));
      checkWhatIsShown("/login after a refused sign-in", width);
    }
  }

  /** The README's pictures of the console on a phone (see {@link Chromium#pictures()}). */
  private void photographAtAPhonesWidth() {
    resize(375);
    driver.get(base + "/admin/bots/" + botId);
    chromium.screenshot("phone-bot");
    driver.findElement(By.xpath("//summary[normalize-space()='Actions']")).click();
    chromium.click(By.xpath("//button[normalize-space()='New API Token']"));
    world.fixtures.remember(chromium.waiting().until(visibilityOfElementLocated(By.id("new-token"))).getDomProperty("value"));
    chromium.viewport("phone-new-api-token");
    driver.get(base + "/envs/" + world.prod + "/history");
    chromium.screenshot("phone-history");
  }

  /** Every page anyone signed in has, and {@code more}, at each width, signed in with {@code token}. */
  private void walk(String token, String... more) {
    String env = "/envs/" + world.prod;
    List<String> pages = new ArrayList<>(List.of("/envs", env, env + "/history", env + "/deployments/" + world.api1,
        env + "/settings/user-roles", env + "/settings/deployment-permissions", "/profile/tokens"));
    pages.addAll(List.of(more));
    for (int width : WIDTHS) {
      resize(width);
      signIn(token);
      pages.forEach(page -> checkPageAndItsDialogs(page, width));
    }
  }

  private void checkPageAndItsDialogs(String page, int width) {
    driver.get(base + page);
    chromium.waiting().until(visibilityOfElementLocated(By.tagName("main")));
    checkWhatIsShown(page, width);
    for (Map.Entry<String, By> dialog : dialogOpeners().entrySet()) {
      checkDialog(page + " " + dialog.getKey(), dialog.getValue(), width);
    }
  }

  /** One opener for each kind of dialog on the page: a row's Revoke stands for every row's. */
  private Map<String, By> dialogOpeners() {
    Map<String, By> openers = new LinkedHashMap<>();
    for (WebElement opener : driver.findElements(By.cssSelector("[data-open-dialog]"))) {
      String id = opener.getDomAttribute("data-open-dialog");
      openers.putIfAbsent(id.replaceAll(ROW_SUFFIX, ""), By.cssSelector("[data-open-dialog='" + id + "']"));
    }
    if (!driver.findElements(By.cssSelector("form[hx-target='#token-slot'] button")).isEmpty()) {
      openers.put("token-dialog", By.cssSelector("form[hx-target='#token-slot'] button"));
    }
    return openers;
  }

  /** Opens the dialog with Enter, reads it, closes it with Escape: focus goes in, and back to what opened it. */
  private void checkDialog(String what, By openerLocator, int width) {
    WebElement opener = driver.findElement(openerLocator);
    WebElement returnTo = opener;
    List<WebElement> menus = opener.findElements(By.xpath("ancestor::details[contains(@class,'dropdown')]/summary"));
    if (!menus.isEmpty()) {
      returnTo = menus.get(0);
      returnTo.sendKeys(Keys.ENTER);
      chromium.waiting().until(d -> opener.isDisplayed());
    }
    opener.sendKeys(Keys.ENTER);
    WebElement dialog = chromium.waiting().until(visibilityOfElementLocated(By.cssSelector("dialog[open]")));
    chromium.waiting().withMessage(() -> "focus inside " + what).until(d -> (Boolean) ((JavascriptExecutor) d)
        .executeScript("return document.activeElement.closest('dialog[open]') !== null"));
    if (dialog.getDomAttribute("id").equals("token-dialog")) {
      world.fixtures.remember(dialog.findElement(By.id("new-token")).getDomProperty("value"));
    }
    softly.assertThat(dialog.findElements(By.cssSelector("article > header > button[data-close-dialog][aria-label=Close]")))
        .as("%s: the close button", what).hasSize(1);
    List<WebElement> footer = dialog.findElements(By.cssSelector("footer button"));
    softly.assertThat(footer).as("%s: the footer's buttons", what).isNotEmpty();
    softly.assertThat(footer).as("%s: the footer's buttons side by side, the main one last", what)
        .extracting(button -> button.getRect().getY()).containsOnly(footer.get(0).getRect().getY());
    checkWhatIsShown(what, width);
    softly.assertThat(((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll('dialog[open] *')]"
        + ".filter(e => e.tagName !== 'INPUT' && getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))"))
        .as("%s at %d px: nothing in the dialog cut off or scrolling sideways", what, width).asList().isEmpty();
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    chromium.waiting().until(invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
    WebElement focusBack = returnTo;
    chromium.waiting().withMessage(() -> "focus back from " + what).until(d -> focusBack.equals(((JavascriptExecutor) d)
        .executeScript("return document.activeElement")));
  }

  private void checkWhatIsShown(String what, int width) {
    softly.assertThat(chromium.accessibilityViolations()).as("%s at %d px: axe-core, WCAG 2.1 A and AA", what, width).isEmpty();
    softly.assertThat(chromium.sidewaysScroll()).as("%s at %d px: what makes the page scroll sideways", what, width).isEmpty();
  }

  private void resize(int width) {
    driver.manage().window().setSize(new Dimension(width, 900));
  }

  private void signIn(String token) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/login");
    chromium.waiting().until(visibilityOfElementLocated(By.id("token"))).sendKeys(token, Keys.ENTER);
    chromium.waiting().until(urlContains("/envs"));
  }
}
