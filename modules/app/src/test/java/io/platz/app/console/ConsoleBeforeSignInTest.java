package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Page;
import io.platz.app.support.SharedPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an anonymous caller can make the console hold: nothing. No request before a sign-in succeeds stores a
 * session, so any number of them costs the server no memory; the sign-in form's CSRF token lives in a cookie.
 */
class ConsoleBeforeSignInTest {

  /** No cookie jar: every request is a new visitor's. */
  private static final HttpClient VISITOR = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();
  private static ConsoleWorld world;

  @BeforeAll
  static void world() {
    world = new ConsoleWorld(PLATZ.platz());
  }

  private static ConsoleClient client() {
    return world.browser();
  }

  @Test
  void anonymousRequestsStoreNoSession() throws Exception {
    long held = world.sessionsHeld();
    for (int i = 0; i < 1_000; i++) {
      visit(200, request("/login"));
    }
    String unknownSession = "platz.session=" + "5e55".repeat(16);
    String live = "/envs/" + world.prod + "/history/live";
    for (int i = 0; i < 20; i++) {
      visit(200, request("/login?next=%2Fenvs"));
      visit(200, request("/login?ended=1"));
      visit(303, request("/"));
      visit(303, request("/envs"));
      visit(303, request("/admin/no-such-page"));
      visit(401, request(live).header("Accept", "text/event-stream"));
      visit(200, request("/assets/console.js"));
      visit(403, request("/logout").POST(HttpRequest.BodyPublishers.noBody()));
      visit(403, request("/login").header("content-type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("token=pzu_nonsense")));
      visit(303, request("/envs").header("cookie", unknownSession));
      visit(200, request("/login").header("cookie", unknownSession));
      ConsoleClient wrongToken = client();
      wrongToken.get("/login");
      assertThat(wrongToken.post("/login", "token", "pzu_" + "0".repeat(71)).status()).as("the form again, saying why").isEqualTo(200);
      assertThat(wrongToken.cookie("platz.session")).isNull();
    }
    assertThat(world.sessionsHeld()).as("sessions held after the anonymous requests").isEqualTo(held);

    ConsoleClient person = client();
    assertThat(person.signIn(world.fixtures.userToken(world.fixtures.user("Stella Signed-In"))).status()).isEqualTo(200);
    assertThat(world.sessionsHeld()).as("a sign-in is what stores one").isEqualTo(held + 1);
  }

  @Test
  void theSignInFormIsTiedToItsOwnCookie() {
    ConsoleClient browser = client();
    Page form = browser.get("/login");
    assertThat(form.header("set-cookie")).startsWith("platz.signin=").contains("Path=/login").contains("Max-Age=3600")
        .contains("HTTPOnly").contains("SameSite=Lax");
    String token = browser.csrf();
    Page secondTab = browser.get("/login?next=%2Fprofile%2Ftokens");
    assertThat(secondTab.header("set-cookie")).as("a second tab keeps the cookie").isNull();
    assertThat(browser.csrf()).isEqualTo(token);

    assertThat(client().postWithoutCsrf("/login", "token", world.erin, "_csrf", token).status()).as("without the cookie").isEqualTo(403);
    ConsoleClient another = client();
    another.get("/login");
    assertThat(another.postWithoutCsrf("/login", "token", world.erin, "_csrf", token).status()).as("with another's cookie").isEqualTo(403);
    String cookie = browser.cookie("platz.signin");
    ConsoleClient altered = client();
    altered.plantCookie("platz.signin", (Long.parseLong(cookie.substring(0, cookie.indexOf('.'))) - 1) + cookie.substring(cookie.indexOf('.')));
    assertThat(altered.postWithoutCsrf("/login", "token", world.erin, "_csrf", token).status()).as("with an altered cookie").isEqualTo(403);

    Page signedIn = browser.post("/login", "token", world.erin);
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(browser.get("/profile/tokens").status()).isEqualTo(200);
  }

  @Test
  void overHttpsTheCookiesAreSecure() throws Exception {
    int port = PLATZ.platz().platform().config().httpPort();
    List<String> viaProxy = ConsoleClient.cookiesSetBySignIn(port, world.erin, "X-Forwarded-Proto", "https");
    assertThat(viaProxy).hasSize(2).allSatisfy(cookie -> assertThat(cookie).contains("; Secure").contains("HTTPOnly").contains("SameSite=Lax"));
    assertThat(viaProxy.get(1)).startsWith("platz.session=");

    List<String> plain = ConsoleClient.cookiesSetBySignIn(port, world.erin);
    assertThat(plain).hasSize(2).allSatisfy(cookie -> assertThat(cookie).doesNotContain("Secure").contains("HTTPOnly"));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PLATZ.platz().platform().config().httpPort() + path));
  }

  /** Answered with {@code status}, and no session cookie: there is no session to name. */
  private static void visit(int status, HttpRequest.Builder request) throws Exception {
    HttpResponse<String> answer = VISITOR.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri()).isEqualTo(status);
    assertThat(answer.headers().allValues("set-cookie")).noneMatch(cookie -> cookie.startsWith("platz.session="));
  }
}
