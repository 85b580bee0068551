package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.platz.app.support.Eventually;
import io.platz.app.support.Ports;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.vertx.core.json.JsonArray;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A person signs in as they would at work: the console's "Sign in with …" button, the provider's own login page
 * (mock-oauth2-server in its interactive mode, on loopback, with its own signing keys), and back in the console as
 * themselves, created on the way. The sign-in page with its button is photographed for the README.
 */
@Tag("browser")
class OidcBrowserTest {

  private static final String CLIENT_ID = "platz-web";

  @TempDir
  static Path profile;

  private static MockOAuth2Server provider;
  private static BrowserPlatform browser;
  private static ConsoleWorld world;
  private static Chromium chromium;
  private static WebDriver driver;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    provider = new MockOAuth2Server(new OAuth2Config(true));
    provider.start(InetAddress.getByName("127.0.0.1"), 0);
    int port = Ports.free();
    browser = BrowserPlatform.start(profile, TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(),
        "PLATZ_OIDC_ISSUER", "http://127.0.0.1:" + provider.baseUrl().port() + "/platz", "PLATZ_OIDC_CLIENT_ID", CLIENT_ID,
        "PLATZ_OIDC_CLIENT_SECRET", "not-checked", "PLATZ_PUBLIC_URL", "http://127.0.0.1:" + port)).withHttpPort(port));
    world = browser.world;
    base = browser.base;
    chromium = browser.chromium;
    driver = chromium.driver;
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (provider != null) {
      provider.shutdown();
    }
  }

  @Test
  void aPersonSignsInThroughTheProvidersOwnPage() {
    String email = "dana+" + UUID.randomUUID() + "@example.org";
    // discovery runs beside the start: the button is there once the provider is known, as a person reloading sees
    Eventually.read(() -> {
      driver.get(base + "/envs");
      return driver.findElements(By.id("sign-in-with-provider")).size();
    }, shown -> shown == 1);
    chromium.waiting().until(urlContains("/login"));
    chromium.screenshot("sign-in-with-provider");

    assertThat(chromium.severeConsoleEntries()).as("no errors in the browser console on Platz's sign-in page").isEmpty();
    assertThat(chromium.accessibilityViolations()).as("the sign-in page with its provider button, by axe-core").isEmpty();

    chromium.click(By.id("sign-in-with-provider"));
    chromium.waiting().until(visibilityOfElementLocated(By.name("username"))).sendKeys("dana-" + UUID.randomUUID());
    driver.findElement(By.name("claims")).sendKeys(
        "{\"email\": \"" + email + "\", \"email_verified\": true, \"name\": \"Dana Browser\"}");
    driver.findElement(By.cssSelector("form input[type=submit]")).click();

    chromium.waiting().until(urlMatches("/envs$"));
    assertThat(chromium.text(By.cssSelector("nav[aria-label=Main]"))).as("back in the console, as themselves")
        .contains("Dana Browser");
    driver.get(base + "/profile/tokens");
    assertThat(chromium.text(By.id("sessions"))).as("their session, listed where they can end it").contains("this session");
    assertThat(chromium.accessibilityViolations()).as("the profile with its sessions, by axe-core").isEmpty();
    JsonArray found = world.api.get("/api/v2/users?email=" + email.replace("+", "%2B"), world.admin).json().getJsonArray("items");
    assertThat(found).as("created on the way, from the provider's claims").hasSize(1);
    assertThat(found.getJsonObject(0).getString("display_name")).isEqualTo("Dana Browser");
    // the provider's own page asks the web for a font, which this machine cannot reach: that error is not Platz's
    assertThat(chromium.severeConsoleEntries()).as("no errors in the browser console but the provider page's font")
        .allMatch(entry -> entry.startsWith("http://fonts.googleapis.com/"));
  }
}
