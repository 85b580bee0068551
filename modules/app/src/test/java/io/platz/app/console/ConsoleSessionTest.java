package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Page;
import io.platz.app.support.LogCapture;
import io.platz.app.support.TestPlatform;
import io.platz.console.web.Assets;
import io.platz.console.web.SecurityHeaders;
import io.vertx.core.json.JsonObject;
import java.net.HttpCookie;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the console and what keeps it safe, without a browser: the session cookie, the refusal of bot
 * tokens in the seed's words, CSRF, the end of a session on revocation or deactivation, the headers and assets.
 */
class ConsoleSessionTest {

  private static LogCapture logs;
  private static TestPlatform platz;
  private static ConsoleWorld world;

  @BeforeAll
  static void start() {
    logs = LogCapture.attach();
    platz = TestPlatform.start();
    world = new ConsoleWorld(platz);
  }

  @AfterAll
  static void stop() {
    platz.close();
    // no token typed into the console, issued through it or used by it ever reaches a log line
    for (String token : world.fixtures.issuedTokens()) {
      assertThat(String.join("\n", logs.lines())).doesNotContain(token);
    }
    logs.close();
  }

  private static ConsoleClient client() {
    return new ConsoleClient(platz.platform().config().httpPort());
  }

  @Test
  void aPageNeedsASignedInSessionAndComesBackAfterSigningIn() {
    ConsoleClient browser = client();
    Page page = browser.get("/envs/" + world.prod + "/history");
    assertThat(page.status()).isEqualTo(303);
    assertThat(page.location()).isEqualTo("/login?next=%2Fenvs%2F" + world.prod + "%2Fhistory");

    Page form = browser.get(page.location());
    assertThat(form.doc().select("form[action=/login] input[name=token]").attr("type")).isEqualTo("password");
    Page signedIn = browser.post("/login", "token", world.erin, "next", "/envs/" + world.prod + "/history");
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.location()).isEqualTo("/envs/" + world.prod + "/history");
    assertThat(browser.get(signedIn.location()).status()).isEqualTo(200);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteAndTheTokenNeverReachesTheBrowser() {
    ConsoleClient browser = client();
    browser.get("/login");
    Page answer = browser.post("/login", "token", world.erin);
    String setCookie = answer.header("set-cookie");
    assertThat(setCookie).startsWith("platz.session=").contains("HTTPOnly").contains("SameSite=Lax").contains("Path=/")
        .as("plain http, no proxy saying https").doesNotContain("Secure");
    for (String path : List.of("/envs", "/envs/" + world.prod, "/profile/tokens", "/envs/" + world.prod + "/history")) {
      Page page = browser.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(page.body()).as(path).doesNotContain(world.erin);
    }
    for (HttpCookie cookie : browser.cookies()) {
      assertThat(cookie.getValue()).doesNotContain(world.erin).doesNotContain(world.erin.substring(4, 26));
    }
  }

  @Test
  void signingInNeverKeepsASessionIdPlantedBefore() {
    String planted = "f1xed".repeat(13);
    ConsoleClient victim = client();
    victim.plantCookie("platz.session", planted);
    victim.signIn(world.erin);
    assertThat(victim.cookie("platz.session")).isNotEqualTo(planted);
    assertThat(victim.get("/profile/tokens").status()).isEqualTo(200);

    ConsoleClient planter = client();
    planter.plantCookie("platz.session", planted);
    assertThat(planter.get("/profile/tokens").status()).as("the planted id is nobody's session").isEqualTo(303);
  }

  @Test
  void aBotTokenIsRefusedWithTheSeedsWords() {
    String botToken = world.fixtures.botToken(world.fixtures.bot("ci-signin-" + System.nanoTime()));
    ConsoleClient browser = client();
    browser.get("/login");
    Page refused = browser.post("/login", "token", botToken);
    assertThat(refused.status()).as("the form again, saying why").isEqualTo(200);
    assertThat(refused.doc().select("#sign-in-error").text())
        .contains("A bot has no email and no OIDC identity.")
        .contains("The bot exists solely to authenticate API calls.");
    assertThat(refused.body()).doesNotContain(botToken);
    assertThat(browser.get("/envs").status()).as("still signed out").isEqualTo(303);
  }

  @Test
  void aWrongTokenIsRefusedWithOneMessageAndNotEchoed() {
    ConsoleClient browser = client();
    browser.get("/login");
    String userId = world.fixtures.user("Rex Revoked");
    String revoked = world.fixtures.userToken(userId);
    String tokenId = world.api.get("/api/v2/user-tokens?user_id=" + userId, world.admin).items().getJsonObject(0).getString("id");
    assertThat(world.api.delete("/api/v2/user-tokens/" + tokenId, world.admin).status()).isEqualTo(204);
    for (String wrong : List.of("pzu_nonsense", revoked, "")) {
      Page refused = browser.post("/login", "token", wrong);
      assertThat(refused.status()).as(wrong).isEqualTo(200);
      assertThat(refused.doc().select("#sign-in-error").text()).isEqualTo("That token was not accepted: missing, invalid or expired credentials.");
      assertThat(refused.body()).doesNotContain(revoked);
    }
  }

  @Test
  void aWriteWithoutTheSessionsCsrfTokenIsRefused() {
    ConsoleClient browser = client();
    browser.signIn(world.admin);
    Page refused = browser.postWithoutCsrf("/admin/bots", "display_name", "csrf-victim");
    assertThat(refused.status()).isEqualTo(403);
    Page forged = browser.postWithoutCsrf("/admin/bots", "display_name", "csrf-victim", "_csrf", "forged");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(world.api.get("/api/v2/bots?display_name=csrf-victim", world.admin).json().getLong("num_total")).isZero();
    assertThat(browser.post("/admin/bots", "display_name", "csrf-ok").status()).isEqualTo(303);

    ConsoleClient other = client();
    other.get("/login");
    assertThat(other.postWithoutCsrf("/login", "token", world.erin).status()).as("sign-in needs it too").isEqualTo(403);
  }

  @Test
  void revokingTheSessionsTokenEndsTheSessionOnTheNextClick() {
    String token = world.fixtures.userToken(world.erinId);
    ConsoleClient browser = client();
    assertThat(browser.signIn(token).status()).isEqualTo(200);
    String tokenId = browser.get("/profile/tokens").doc().select("tr:has(.badge:contains(this session)) > td:first-child > code").text();
    assertThat(world.api.delete("/api/v2/user-tokens/" + tokenId, world.admin).status()).isEqualTo(204);

    Page next = browser.get("/envs");
    assertThat(next.status()).isEqualTo(303);
    assertThat(next.location()).startsWith("/login?ended=1");
    assertThat(browser.get(next.location()).text()).contains("Your session has ended");
    assertThat(browser.get("/envs").location()).as("and it stays ended").startsWith("/login?next=");
  }

  @Test
  void deactivatingTheUserEndsTheSession() {
    String userId = world.fixtures.user("Dana Departing");
    ConsoleClient browser = client();
    assertThat(browser.signIn(world.fixtures.userToken(userId)).status()).isEqualTo(200);
    assertThat(world.api.put("/api/v2/users/" + userId, world.admin, new JsonObject().put("is_active", false)).status()).isEqualTo(200);
    assertThat(browser.get("/profile/tokens").location()).startsWith("/login?ended=1");
  }

  @Test
  void signOut() {
    ConsoleClient browser = client();
    browser.signIn(world.erin);
    Page out = browser.post("/logout");
    assertThat(out.location()).isEqualTo("/login?signed_out=1");
    assertThat(browser.get(out.location()).text()).contains("You are signed out.");
    assertThat(browser.get("/envs").status()).isEqualTo(303);
    assertThat(world.api.get("/api/v2/auth/me", world.erin).status()).as("signing out does not revoke the token").isEqualTo(200);
  }

  @Test
  void everyPageHasAStrictSameOriginPolicyAndNoInlineCode() {
    ConsoleClient browser = client();
    browser.signIn(world.admin);
    String botId = world.fixtures.bot("headers-bot");
    for (String path : List.of("/login", "/envs", "/envs/" + world.prod, "/envs/" + world.prod + "/history",
        "/envs/" + world.prod + "/deployments/" + world.api1, "/envs/" + world.prod + "/settings/user-roles",
        "/envs/" + world.prod + "/settings/deployment-permissions", "/admin/bots", "/admin/bots/" + botId, "/admin/users",
        "/admin/audit", "/profile/tokens", "/admin/no-such-page")) {
      Page page = browser.get(path);
      assertThat(page.header("content-security-policy")).as(path).isEqualTo(SecurityHeaders.CSP);
      assertThat(page.header("x-frame-options")).isEqualTo("DENY");
      assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
      assertThat(page.header("cache-control")).isEqualTo("no-store");
      Document doc = page.doc();
      for (Element script : doc.select("script")) {
        assertThat(script.attr("src")).as(path + " script").startsWith("/").doesNotStartWith("//");
        assertThat(script.data()).as(path + " inline script").isBlank();
      }
      for (Element link : doc.select("link[rel=stylesheet]")) {
        assertThat(link.attr("href")).startsWith("/").doesNotStartWith("//");
      }
      assertThat(doc.select("style, [style], [onclick], [onload], [hx-on]")).as(path + " inline style or handler").isEmpty();
      assertThat(doc.select("form[method=post]").stream().allMatch(form -> !form.select("input[name=_csrf]").isEmpty()
          || form.hasAttr("hx-post"))).as(path + " every form carries the CSRF token").isTrue();
    }
    assertThat(browser.get("/api/v2/nope").header("content-type")).as("the API keeps its JSON 404").startsWith("application/json");
    assertThat(browser.get("/admin/no-such-page").status()).isEqualTo(404);
    assertThat(browser.get("/envs/not-a-uuid").status()).isEqualTo(404);
  }

  @Test
  void theAssetsComeFromThisServer() {
    ConsoleClient browser = client();
    for (String asset : Assets.ALL) {
      Page page = browser.get(asset);
      assertThat(page.status()).as(asset).isEqualTo(200);
      assertThat(page.header("content-type")).as(asset).containsAnyOf("javascript", "css");
    }
    assertThat(browser.get("/webjars/htmx.org/2.0.10/../../../META-INF/MANIFEST.MF").status()).isEqualTo(404);
    assertThat(browser.get("/webjars/%2e%2e/%2e%2e/io/platz/console/Console.class").status()).isEqualTo(404);
  }

  @Test
  void nextNeverLeavesTheSite() {
    for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
      ConsoleClient browser = client();
      browser.get("/login");
      Page answer = browser.post("/login", "token", world.erin, "next", next);
      assertThat(answer.location()).as(next).isEqualTo("/envs");
    }
  }
}
