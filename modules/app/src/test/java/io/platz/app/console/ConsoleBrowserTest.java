package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.platz.app.support.Response;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The seed page walked in headless Chromium: sign in, New Bot ci-deploy-prod, New API Token (shown once, not after a
 * reload or the back button, and it authenticates against the API), grant it User on prod through the picker and
 * Maintainer on a kind, invoke an action with it, see "ci-deploy-prod" appear in History without a reload and filter
 * by it, Revoke, Delete Bot. Each page is photographed, for the README with {@code -Dplatz.screenshots=docs}.
 */
@Tag("browser")
class ConsoleBrowserTest {

  @TempDir
  static Path profile;

  private static BrowserPlatform browser;
  private static ConsoleWorld world;
  private static Chromium chromium;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() {
    browser = BrowserPlatform.start(profile);
    world = browser.world;
    base = browser.base;
    chromium = browser.chromium;
    driver = chromium.driver;
    // other bots, for the pictures; and History with each kind of actor before the bot arrives: a person and a
    // deployment acting on another
    assertThat(world.restart(world.kim, world.api1).status()).isEqualTo(201);
    assertThat(world.restart(world.deploymentCredential(world.web1), world.api1).status()).isEqualTo(201);
    world.fixtures.bot("gitops-controller");
    world.fixtures.bot("staging-deploy");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theSeedPageWalkedInTheBrowser() {
    signIn();

    // Creating a bot: /admin/bots → New Bot → ci-deploy-prod → Save
    driver.get(base + "/admin/bots");
    click(By.id("new-bot-button"));
    WebElement name = chromium.waiting().until(visibilityOfElementLocated(By.id("bot-name")));
    chromium.waitForFocusOn(By.id("bot-name"));
    name.sendKeys("ci-deploy-prod");
    driver.findElement(By.xpath("//dialog[@id='new-bot']//button[normalize-space()='Save']")).click();
    chromium.waiting().until(urlMatches("/admin/bots/[0-9a-f-]{36}$"));
    chromium.waiting().until(textToBePresentInElementLocated(By.tagName("h1"), "ci-deploy-prod"));
    String botUrl = driver.getCurrentUrl();
    String botId = chromium.waiting().until(visibilityOfElementLocated(By.id("bot-id"))).getText();
    assertThat(text("main")).contains("It has no tokens and no permissions yet").contains("This bot has no API tokens.");

    // Issuing an API token: Actions → New API Token; shown once, with Copy and a curl example
    click(By.xpath("//summary[normalize-space()='Actions']"));
    click(By.xpath("//button[normalize-space()='New API Token']"));
    WebElement shown = chromium.waiting().until(visibilityOfElementLocated(By.id("new-token")));
    String token = world.fixtures.remember(shown.getDomProperty("value"));
    assertThat(token).matches("pzb_[0-9A-Za-z]{71}");
    assertThat(text("#curl-example")).isEqualTo("curl -H 'x-platz-token: " + token + "' " + base + "/api/v2/deployments");
    assertThat(text("#token-dialog")).contains("It cannot be shown again.");
    assertThat(((JavascriptExecutor) driver).executeScript("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
        .as("nothing of the token in the browser's storage").asString().doesNotContain(token);
    click(By.id("copy-token"));
    chromium.waiting().until(textToBePresentInElementLocated(By.id("copy-token"), "Copied"));
    assertThat(driver.findElements(By.cssSelector("#tokens tbody tr"))).as("its row, below").hasSize(1);
    chromium.viewport("new-api-token");
    click(By.xpath("//dialog[@id='token-dialog']//button[normalize-space()='Done']"));
    // hidden at once, removed by the dialog's 'close' event, which the browser fires a moment later
    chromium.waiting().until(numberOfElementsToBe(By.id("token-dialog"), 0));
    assertThat(driver.getPageSource()).as("closed: gone from the page").doesNotContain(token);
    driver.navigate().refresh();
    assertThat(driver.getPageSource()).as("after a reload").doesNotContain(token);
    driver.get(base + "/admin/bots");
    driver.navigate().back();
    chromium.waiting().until(urlContains(botId));
    assertThat(driver.getPageSource()).as("after the back button").doesNotContain(token);
    chromium.screenshot("bot");

    Response me = world.api.get("/api/v2/auth/me", token);
    assertThat(me.status()).as("the token authenticates against the API").isEqualTo(200);
    assertThat(me.json().getJsonObject("Bot").getString("display_name")).isEqualTo("ci-deploy-prod");

    // Granting permissions: User on prod through the picker, Maintainer on the api kind
    driver.get(base + "/envs/" + world.prod + "/settings/user-roles");
    click(By.id("add-user-permission"));
    new Select(chromium.waiting().until(visibilityOfElementLocated(By.id("env-role-holder")))).selectByVisibleText("ci-deploy-prod (bot)");
    assertThat(driver.findElement(By.cssSelector("input[name=role][value=User]")).isSelected()).isTrue();
    click(By.xpath("//dialog[@id='add-env-role']//button[normalize-space()='Add Permission']"));
    chromium.waiting().until(textToBePresentInElementLocated(By.id("env-roles"), "ci-deploy-prod"));
    assertThat(text("#env-roles tbody tr:last-child")).contains("ci-deploy-prod").contains("Bot").contains("USER");
    assertThat(text(".flash-success")).isEqualTo("Permission added.");
    assertThat(driver.findElement(By.tagName("h1")).getCssValue("margin-top")).as("the message adds no space under the breadcrumb").isEqualTo("0px");
    chromium.screenshot("user-roles");

    driver.get(base + "/envs/" + world.prod + "/settings/deployment-permissions");
    click(By.cssSelector("button[aria-label='Add api Maintainer']"));
    new Select(chromium.waiting().until(visibilityOfElementLocated(By.id("add-maintainer-" + world.apiKind + "-holder"))))
        .selectByVisibleText("ci-deploy-prod (bot)");
    click(By.xpath("//dialog[@id='add-maintainer-" + world.apiKind + "']//button[normalize-space()='Add Maintainer']"));
    By maintainers = By.cssSelector("#kind-" + world.apiKind + " td[data-role=Maintainer]");
    chromium.waiting().until(textToBePresentInElementLocated(maintainers, "ci-deploy-prod"));
    chromium.screenshot("deployment-permissions");

    // Invoking an action with the bot's token: History shows it as it happens, without a reload
    driver.get(base + "/envs/" + world.prod + "/history");
    ((JavascriptExecutor) driver).executeScript("window.stillThisPage = true;");
    // rows arrive only on a stream the server holds: a task created before it is open is in the next page load
    chromium.waiting().until(visibilityOfElementLocated(By.cssSelector("#history[data-live-status=open]")));
    assertThat(world.restart(token, world.api1).status()).isEqualTo(201);
    chromium.waiting().until(textToBePresentInElementLocated(By.cssSelector("#history tbody tr:first-child"), "ci-deploy-prod"));
    assertThat(((JavascriptExecutor) driver).executeScript("return window.stillThisPage === true;")).as("no reload").isEqualTo(true);
    assertThat(text("#history tbody tr:first-child")).contains("Invoke action: Restart").contains("api-1").contains("Bot");
    assertShownInTheReadersTimeZone(By.cssSelector("#history tbody tr:first-child time"));
    assertThat(driver.findElements(By.cssSelector("#history td.actor"))).extracting(WebElement::getText)
        .anyMatch(actor -> actor.contains("Kim Maintainer")).anyMatch(actor -> actor.contains("web-1"));
    chromium.screenshot("history");

    new Select(driver.findElement(By.name("acting_bot_id"))).selectByVisibleText("ci-deploy-prod");
    click(By.xpath("//form[@aria-label='Filter History']//button[normalize-space()='Filter']"));
    chromium.waiting().until(urlContains("acting_bot_id=" + botId));
    // the URL may change before the filtered rows are in: wait for the table a person would read
    List<String> actors = chromium.waiting().withMessage("History filtered to the bot's one task").until(d -> {
      List<String> rows = d.findElements(By.cssSelector("#history td.actor")).stream().map(WebElement::getText).toList();
      return rows.size() == 1 ? rows : null;
    });
    assertThat(actors).allMatch(actor -> actor.startsWith("ci-deploy-prod"));
    chromium.screenshot("history-by-bot");

    click(By.linkText("api-1"));
    chromium.waiting().until(urlContains("/deployments/" + world.api1));
    chromium.screenshot("deployment-history");

    // Revoking access: one token, then the bot
    driver.get(botUrl);
    click(By.cssSelector("#tokens button[data-open-dialog^=revoke-]"));
    WebElement revoke = chromium.waiting().until(visibilityOfElementLocated(By.cssSelector("dialog[open]")));
    assertThat(revoke.getText()).contains("Revoke Bot Token").contains("You are about to revoke the bot token")
        .contains("Are you sure you want to continue?");
    revoke.findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
    chromium.waiting().until(textToBePresentInElementLocated(By.id("tokens"), "This bot has no API tokens."));
    assertThat(world.api.get("/api/v2/auth/me", token).status()).as("revoked: stops working immediately").isEqualTo(401);

    click(By.xpath("//summary[normalize-space()='Actions']"));
    click(By.xpath("//button[normalize-space()='Delete Bot']"));
    WebElement delete = chromium.waiting().until(visibilityOfElementLocated(By.id("delete-bot")));
    assertThat(delete.getText()).contains("You are about to delete the bot named ci-deploy-prod.");
    chromium.viewport("delete-bot");
    delete.findElement(By.xpath(".//button[normalize-space()='Delete Bot']")).click();
    chromium.waiting().until(urlMatches("/admin/bots$"));
    click(By.xpath("//details[@id='deleted-bots']/summary"));
    assertThat(text("#deleted-bots")).contains("ci-deploy-prod");
    chromium.screenshot("bots");

    driver.get(base + "/envs/" + world.prod + "/history?acting_bot_id=" + botId);
    assertThat(text("#history td.actor")).as("a deleted bot is still named").isEqualTo("ci-deploy-prod Bot deleted");

    photographTheOtherPages();
    assertThat(chromium.severeConsoleEntries()).as("no errors in the browser console (a CSP violation would be one)").isEmpty();
  }

  /** A mistyped or a bot's token is the form again, not a 4xx that the browser would log as a failed load. */
  @Test
  void aRefusedSignInLeavesNoErrorInTheBrowserConsole() {
    driver.manage().deleteAllCookies();
    driver.get(base + "/login");
    chromium.severeConsoleEntries(); // read, and so cleared: only what the refusals below log is asserted
    String botToken = world.fixtures.botToken(world.fixtures.bot("console-log-bot"));
    refuseSignIn("pzu_" + "0".repeat(71), "That token was not accepted");
    refuseSignIn(botToken, "A bot has no email");
    assertThat(chromium.severeConsoleEntries()).as("no errors in the browser console after refused sign-ins").isEmpty();
  }

  private void refuseSignIn(String token, String why) {
    chromium.waiting().until(visibilityOfElementLocated(By.id("token"))).sendKeys(token, Keys.ENTER);
    chromium.waiting().until(textToBePresentInElementLocated(By.id("sign-in-error"), why));
  }

  @Test
  void dialogsWorkWithTheKeyboardAndGiveFocusBack() {
    signIn();
    driver.get(base + "/admin/bots");
    WebElement opener = driver.findElement(By.id("new-bot-button"));
    opener.sendKeys(Keys.ENTER);
    WebElement name = chromium.waiting().until(visibilityOfElementLocated(By.id("bot-name")));
    chromium.waitForFocusOn(By.id("bot-name"));
    name.sendKeys(Keys.ESCAPE);
    chromium.waiting().until(invisibilityOfElementLocated(By.id("bot-name")));
    // the dialog's close event, where focus is handed back, comes a moment after the dialog is hidden
    chromium.waitForFocusOn(By.id("new-bot-button"));

    opener.sendKeys(Keys.ENTER);
    chromium.waiting().until(visibilityOfElementLocated(By.id("bot-name"))).sendKeys("keyboard-bot", Keys.ENTER);
    chromium.waiting().until(textToBePresentInElementLocated(By.tagName("h1"), "keyboard-bot"));

    WebElement actions = driver.findElement(By.xpath("//summary[normalize-space()='Actions']"));
    actions.sendKeys(Keys.ENTER);
    WebElement issue = chromium.waiting().until(visibilityOfElementLocated(By.xpath("//button[normalize-space()='New API Token']")));
    issue.sendKeys(Keys.ENTER);
    WebElement done = chromium.waiting().until(visibilityOfElementLocated(By.xpath("//dialog[@id='token-dialog']//button[normalize-space()='Done']")));
    world.fixtures.remember(driver.findElement(By.id("new-token")).getDomProperty("value"));
    chromium.waitForFocusOn(By.xpath("//dialog[@id='token-dialog']//button[normalize-space()='Done']"));
    done.sendKeys(Keys.ENTER);
    // the dialog leaves the page on its close event, which also gives focus back to the menu that opened it
    chromium.waiting().until(numberOfElementsToBe(By.id("token-dialog"), 0));
    chromium.waitForFocusOn(By.xpath("//summary[normalize-space()='Actions']"));
  }

  private void signIn() {
    driver.manage().deleteAllCookies();
    driver.get(base + "/admin/bots");
    WebElement field = chromium.waiting().until(visibilityOfElementLocated(By.id("token")));
    chromium.screenshot("sign-in");
    field.sendKeys(world.admin, Keys.ENTER);
    chromium.waiting().until(urlMatches("/admin/bots$"));
  }

  private void photographTheOtherPages() {
    driver.get(base + "/envs");
    chromium.screenshot("envs");
    driver.get(base + "/envs/" + world.prod);
    chromium.screenshot("env");
    driver.get(base + "/admin/users");
    chromium.screenshot("users");
    driver.get(base + "/profile/tokens");
    chromium.screenshot("profile-tokens");
    driver.get(base + "/admin/audit");
    assertShownInTheReadersTimeZone(By.cssSelector("#audit tbody tr:first-child time"));
    chromium.screenshot("audit");
  }

  /** Chromium runs in {@link Chromium#READER_TIME_ZONE}: the time reads in it, with the server's UTC on hover. */
  private static void assertShownInTheReadersTimeZone(By time) {
    WebElement shown = chromium.waiting().until(visibilityOfElementLocated(time));
    assertThat(shown.getDomAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
    assertThat(shown.getText()).contains("GMT+1");
    assertThat(Instant.parse(shown.getDomProperty("dateTime")))
        .isEqualTo(LocalDateTime.parse(shown.getDomAttribute("title").replace(" UTC", "").replace(' ', 'T')).toInstant(ZoneOffset.UTC));
  }

  private static void click(By by) {
    chromium.click(by);
  }

  private static String text(String css) {
    return chromium.text(By.cssSelector(css));
  }
}
