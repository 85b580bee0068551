package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Page;
import io.platz.app.support.Eventually;
import io.platz.app.support.Ports;
import io.platz.app.support.TestDatabases;
import io.platz.app.support.TestPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in through a real OpenID Connect provider on loopback, with its own signing keys: who is who, and every
 * bad answer a sign-in page with a 4xx, nothing created and nothing stored.
 */
class OidcSignInTest {

  private static final String CLIENT_ID = "platz-web";
  private static final String BOSS = "boss+" + UUID.randomUUID() + "@example.org";

  private static MockOAuth2Server provider;
  private static TestPlatform platz;
  private static ConsoleWorld world;
  private static String autoEnv;

  @BeforeAll
  static void start() throws Exception {
    provider = new MockOAuth2Server();
    provider.start(InetAddress.getByName("127.0.0.1"), 0);
    int port = Ports.free();
    String issuer = "http://127.0.0.1:" + provider.baseUrl().port() + "/platz";
    platz = TestPlatform.start(TestPlatform.config(Map.of("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl(),
        "PLATZ_OIDC_ISSUER", issuer, "PLATZ_OIDC_CLIENT_ID", CLIENT_ID, "PLATZ_OIDC_CLIENT_SECRET", "not-checked",
        "PLATZ_PUBLIC_URL", "http://127.0.0.1:" + port, "PLATZ_ADMIN_EMAILS", "someone@example.org, " + BOSS))
        .withHttpPort(port));
    world = new ConsoleWorld(platz);
    autoEnv = world.fixtures.env("auto-" + UUID.randomUUID());
    assertThat(world.api.put("/api/v2/envs/" + autoEnv, world.admin, new JsonObject().put("auto_add_new_users", true))
        .status()).isEqualTo(200);
    // discovery runs beside the start: the button shows once the provider is known
    Eventually.read(() -> client().get("/login").doc().select("#sign-in-with-provider").size(), shown -> shown == 1);
  }

  @AfterAll
  static void stop() {
    platz.close();
    provider.shutdown();
  }

  private static ConsoleClient client() {
    return new ConsoleClient(platz.platform().config().httpPort());
  }

  /** The provider will say that the next sign-in is {@code subject} with these claims. */
  private static void next(String subject, Map<String, Object> claims) {
    provider.enqueueCallback(new DefaultOAuth2TokenCallback("platz", subject, "JWT", List.of(CLIENT_ID), claims, 3600));
  }

  /** Button, provider, callback: the callback's answer. */
  private static Page roundTrip(ConsoleClient browser) {
    Page toProvider = browser.get("/auth/oidc/start?next=" + URLEncoder.encode("/profile/tokens", StandardCharsets.UTF_8));
    assertThat(toProvider.status()).isEqualTo(303);
    assertThat(toProvider.location()).contains("code_challenge_method=S256").contains("nonce=").contains("state=")
        .contains("scope=openid+profile+email");
    Page back = browser.get(toProvider.location());
    assertThat(back.status()).isEqualTo(302);
    return browser.get(back.location());
  }

  private static JsonObject userByEmail(String email) {
    JsonArray found = world.api.get("/api/v2/users?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), world.admin)
        .json().getJsonArray("items");
    assertThat(found).hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.getJsonObject(0);
  }

  private static long users() {
    return world.api.get("/api/v2/users", world.admin).json().getLong("num_total");
  }

  @Test
  void theFirstSignInCreatesThePersonAndTheSecondFindsThem() {
    String subject = "boss-" + UUID.randomUUID();
    next(subject, Map.of("email", BOSS, "email_verified", true, "name", "The Boss"));
    ConsoleClient browser = client();
    Page signedIn = roundTrip(browser);
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.location()).isEqualTo("/profile/tokens");
    assertThat(browser.get("/profile/tokens").text()).contains("The Boss");

    JsonObject boss = userByEmail(BOSS);
    assertThat(boss.getString("display_name")).isEqualTo("The Boss");
    assertThat(boss.getBoolean("is_admin")).isTrue();
    JsonArray roles = world.api.get("/api/v2/env-user-permissions?user_id=" + boss.getString("id"), world.admin)
        .json().getJsonArray("items");
    assertThat(roles).anySatisfy(role -> assertThat(((JsonObject) role).getString("env_id")).isEqualTo(autoEnv));
    // listed once numbered, moments after their commit
    List<String> bySystem = Eventually.read(() -> world.api.get("/api/v2/audit-events?actor_type=System&per_page=500", world.admin)
        .json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(event -> boss.getString("id").equals(event.getString("subject_id"))
            || boss.getString("id").equals(event.getJsonObject("data").getString("user_id")))
        .map(event -> event.getString("type")).toList(), types -> types.size() >= 3);
    assertThat(bySystem).contains("user.created", "user.updated", "env_role.granted");

    long before = users();
    next(subject, Map.of("email", "boss-renamed@example.org", "email_verified", true, "name", "Renamed"));
    ConsoleClient again = client();
    assertThat(roundTrip(again).status()).isEqualTo(303);
    assertThat(again.get("/profile/tokens").text()).contains("The Boss");
    assertThat(users()).isEqualTo(before);
  }

  @Test
  void aProvisionedPersonIsLinkedOnlyByAVerifiedEmail() {
    String email = "Pat+" + UUID.randomUUID() + "@Example.org";
    String pat = world.api.post("/api/v2/users", world.admin, new JsonObject().put("display_name", "Pat").put("email", email))
        .json().getString("id");
    String subject = "pat-" + UUID.randomUUID();

    next(subject, Map.of("email", email.toLowerCase(), "email_verified", false, "name", "Not Pat"));
    Page refused = roundTrip(client());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("has not verified");

    next(subject, Map.of("email", email.toLowerCase(), "email_verified", true, "name", "Pat"));
    ConsoleClient browser = client();
    assertThat(roundTrip(browser).status()).isEqualTo(303);
    assertThat(browser.get("/profile/tokens").text()).contains(email);
    assertThat(userByEmail(email).getString("id")).isEqualTo(pat);
    assertThat(userByEmail(email).getBoolean("is_admin")).isFalse();
  }

  @Test
  void aDeactivatedPersonIsRefusedAndTheirSessionEndsAtTheNextClick() {
    String email = "dee+" + UUID.randomUUID() + "@example.org";
    String subject = "dee-" + UUID.randomUUID();
    next(subject, Map.of("email", email, "email_verified", true, "name", "Dee"));
    ConsoleClient browser = client();
    assertThat(roundTrip(browser).status()).isEqualTo(303);
    String dee = userByEmail(email).getString("id");

    assertThat(world.api.put("/api/v2/users/" + dee, world.admin, new JsonObject().put("is_active", false)).status())
        .isEqualTo(200);
    assertThat(browser.get("/profile/tokens").location()).startsWith("/login?ended=1");

    next(subject, Map.of("email", email, "email_verified", true, "name", "Dee"));
    Page refused = roundTrip(client());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("deactivated");
  }

  @Test
  void aPersonSeesAndEndsTheirOwnSessions() {
    String subject = "sam-" + UUID.randomUUID();
    Map<String, Object> sam = Map.of("email", "sam+" + UUID.randomUUID() + "@example.org", "email_verified", true, "name", "Sam");
    next(subject, sam);
    ConsoleClient laptop = client();
    roundTrip(laptop);
    next(subject, sam);
    ConsoleClient phone = client();
    roundTrip(phone);

    Element rows = laptop.get("/profile/tokens").doc().selectFirst("#sessions tbody");
    assertThat(rows.select("tr")).hasSize(2);
    assertThat(rows.text()).contains("through 127.0.0.1");
    Element other = rows.select("tr").stream().filter(row -> row.select(".badge").isEmpty()).findFirst().orElseThrow();
    String action = other.selectFirst("form").attr("action");

    ConsoleClient stranger = client();
    next("stranger-" + UUID.randomUUID(), Map.of("email", "stranger+" + UUID.randomUUID() + "@example.org", "email_verified", true));
    roundTrip(stranger);
    stranger.get("/profile/tokens");
    Page refused = stranger.post(action);
    assertThat(stranger.get(refused.location()).text()).as("another person's session").contains("not found");
    assertThat(phone.get("/profile/tokens").status()).isEqualTo(200);

    assertThat(laptop.post(action).status()).isEqualTo(303);
    assertThat(phone.get("/profile/tokens").location()).startsWith("/login");
    assertThat(laptop.get("/profile/tokens").doc().select("#sessions tbody tr")).hasSize(1);
  }

  @Test
  void aCallbackComesBackOnce() {
    next("replay-" + UUID.randomUUID(), Map.of("email", "replay+" + UUID.randomUUID() + "@example.org", "email_verified", true));
    ConsoleClient browser = client();
    String callback = browser.get(browser.get("/auth/oidc/start").location()).location();
    assertThat(client().get(callback).status()).as("in another browser").isEqualTo(400);
    assertThat(browser.get(callback).status()).isEqualTo(303);
    assertThat(browser.get(callback).status()).as("again").isEqualTo(400);
  }

  @Test
  void signingOutEndsTheSessionAndLinksToTheProvidersSignOut() {
    next("out-" + UUID.randomUUID(), Map.of("email", "out+" + UUID.randomUUID() + "@example.org", "email_verified", true));
    ConsoleClient browser = client();
    roundTrip(browser);
    browser.get("/profile/tokens");
    Page out = browser.post("/logout");
    assertThat(out.location()).isEqualTo("/login?signed_out=1");
    assertThat(browser.get(out.location()).doc().select("a[href*=/platz/endsession]").attr("href"))
        .contains("post_logout_redirect_uri=");
    assertThat(browser.get("/profile/tokens").location()).startsWith("/login");
  }

  @Test
  void eachBadAnswerIsASignInPageWithNothingCreatedOrStored() {
    long users = users();
    long sessions = world.sessionsHeld();

    // a state this browser never started
    ConsoleClient forger = client();
    forger.get("/auth/oidc/start");
    assertThat(forger.get("/auth/oidc/callback?code=abc&state=forged").status()).isEqualTo(400);

    // a code the provider does not know (expired, or made up) under a genuine state
    ConsoleClient guesser = client();
    String state = stateOf(guesser.get("/auth/oidc/start").location());
    Page unknownCode = guesser.get("/auth/oidc/callback?code=made-up&state=" + state);
    assertThat(unknownCode.status()).isEqualTo(401);
    assertThat(unknownCode.text()).contains("could not be verified");

    // an ID token for another client, from another issuer, or for another sign-in
    next("aud-" + UUID.randomUUID(), Map.of("aud", "another-client", "email", "aud@example.org", "email_verified", true));
    assertThat(roundTrip(client()).status()).isEqualTo(401);
    next("iss-" + UUID.randomUUID(), Map.of("iss", "http://127.0.0.1:1/elsewhere", "email", "iss@example.org", "email_verified", true));
    assertThat(roundTrip(client()).status()).isEqualTo(401);
    next("nonce-" + UUID.randomUUID(), Map.of("nonce", "another-sign-in", "email", "nonce@example.org", "email_verified", true));
    assertThat(roundTrip(client()).status()).isEqualTo(401);

    // the provider refused
    ConsoleClient denied = client();
    String deniedState = stateOf(denied.get("/auth/oidc/start").location());
    Page refused = denied.get("/auth/oidc/callback?error=access_denied&state=" + deniedState);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.text()).contains("did not sign you in (access_denied)");

    // sign-ins started and never finished
    for (int i = 0; i < 20; i++) {
      client().get("/auth/oidc/start");
    }

    assertThat(users()).isEqualTo(users);
    assertThat(world.sessionsHeld()).isEqualTo(sessions);
  }

  private static String stateOf(String authorizeUrl) {
    return authorizeUrl.replaceAll(".*[?&]state=([^&]+).*", "$1");
  }
}
