package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users provisioned by site admins, and personal tokens: who may do what, and when a token dies. */
class UsersAndTokensTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;
  private static Fixtures fixtures;
  private static String admin;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
  }


  @Test
  void theFirstStartCreatedASiteAdmin() {
    JsonObject me = api.get("/api/v2/auth/me", admin).json().getJsonObject("User");
    assertThat(me.getString("email")).isEqualTo("admin@localhost");
    assertThat(me.getBoolean("is_admin")).isTrue();
  }

  @Test
  void siteAdminsProvisionUsersWithUniqueEmails() {
    Response created = api.post("/api/v2/users", admin,
        new JsonObject().put("display_name", "Alice Example").put("email", "Alice@Example.org"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().fieldNames())
        .containsExactlyInAnyOrder("id", "created_at", "display_name", "email", "is_admin", "is_active");
    assertThat(created.json().getBoolean("is_admin")).isFalse();
    assertThat(created.json().getBoolean("is_active")).isTrue();

    Response duplicate = api.post("/api/v2/users", admin,
        new JsonObject().put("display_name", "Other Alice").put("email", "alice@EXAMPLE.org"));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(api.post("/api/v2/users", admin, new JsonObject().put("display_name", "X").put("email", "not-an-email")).status())
        .isEqualTo(400);

    String alice = fixtures.userToken(created.json().getString("id"));
    assertThat(api.post("/api/v2/users", alice, new JsonObject().put("display_name", "Y").put("email", "y@example.org")).status())
        .as("only site admins provision users").isEqualTo(403);
    assertThat(api.get("/api/v2/users?email=alice@example", alice).json().getLong("num_total"))
        .as("any user may list users").isEqualTo(1);
  }

  @Test
  void nobodyChangesTheirOwnAdminOrActiveFlag() {
    String adminId = api.get("/api/v2/auth/me", admin).json().getJsonObject("User").getString("id");
    assertThat(api.put("/api/v2/users/" + adminId, admin, new JsonObject().put("is_admin", false)).status()).isEqualTo(403);
    assertThat(api.put("/api/v2/users/" + adminId, admin, new JsonObject().put("is_active", false)).status()).isEqualTo(403);
    Response renamed = api.put("/api/v2/users/" + adminId, admin, new JsonObject().put("display_name", "Root"));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().getString("display_name")).isEqualTo("Root");

    String userId = fixtures.user("Bob Builder");
    String bob = fixtures.userToken(userId);
    assertThat(api.put("/api/v2/users/" + userId, bob, new JsonObject().put("display_name", "Bobby")).status()).isEqualTo(403);
    Response promoted = api.put("/api/v2/users/" + userId, admin, new JsonObject().put("is_admin", true));
    assertThat(promoted.json().getBoolean("is_admin")).isTrue();
    assertThat(api.get("/api/v2/auth/me", bob).json().getJsonObject("User").getBoolean("is_admin"))
        .as("a promotion is in force for the very next request").isTrue();
    assertThat(api.get("/api/v2/bot-tokens", bob).status()).isEqualTo(200);
    assertThat(api.put("/api/v2/users/" + UUID.randomUUID(), admin, new JsonObject().put("display_name", "Nobody")).status())
        .isEqualTo(404);
  }

  @Test
  void deactivatingAUserKillsEveryTokenBeforeThe200() {
    String userId = fixtures.user("Carol Leaving");
    String first = fixtures.userToken(userId);
    String second = fixtures.userToken(userId);
    assertThat(api.get("/api/v2/auth/me", first).status()).isEqualTo(200);
    assertThat(api.get("/api/v2/auth/me", second).status()).isEqualTo(200);

    Response deactivated = api.put("/api/v2/users/" + userId, admin, new JsonObject().put("is_active", false));
    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(api.get("/api/v2/auth/me", first).status()).isEqualTo(401);
    assertThat(api.get("/api/v2/auth/me", second).status()).isEqualTo(401);
    assertThat(api.get("/api/v2/user-tokens?user_id=" + userId, admin).json().getLong("num_total")).isZero();
    assertThat(api.post("/api/v2/user-tokens", admin, new JsonObject().put("user_id", userId)).status())
        .as("no new token for a deactivated user").isEqualTo(409);

    api.put("/api/v2/users/" + userId, admin, new JsonObject().put("is_active", true));
    assertThat(api.get("/api/v2/auth/me", first).status()).as("reactivation does not revive old tokens").isEqualTo(401);
    assertThat(api.get("/api/v2/auth/me", fixtures.userToken(userId)).status()).isEqualTo(200);
  }

  @Test
  void usersManageTheirOwnTokensAndOnlyThose() {
    String daveId = fixtures.user("Dave");
    String dave = fixtures.userToken(daveId);
    String eveId = fixtures.user("Eve");
    String eve = fixtures.userToken(eveId);

    Response own = api.post("/api/v2/user-tokens", dave, new JsonObject());
    assertThat(own.status()).isEqualTo(201);
    String ownToken = fixtures.remember(own.json().getString("created_token"));
    assertThat(ownToken).matches("pzu_[0-9A-Za-z]{71}");
    assertThat(api.post("/api/v2/user-tokens", dave, new JsonObject().put("user_id", eveId)).status()).isEqualTo(403);

    Response daves = api.get("/api/v2/user-tokens", dave);
    assertThat(daves.json().getLong("num_total")).isEqualTo(2);
    daves.items().forEach(item -> assertThat(((JsonObject) item).getString("user_id")).isEqualTo(daveId));
    assertThat(daves.body()).doesNotContain(dave).doesNotContain(ownToken);
    assertThat(api.get("/api/v2/user-tokens?user_id=" + eveId, dave).status()).isEqualTo(403);

    String eveTokenId = api.get("/api/v2/user-tokens", eve).items().getJsonObject(0).getString("id");
    assertThat(api.get("/api/v2/user-tokens/" + eveTokenId, dave).status()).as("someone else's token is not found").isEqualTo(404);
    assertThat(api.delete("/api/v2/user-tokens/" + eveTokenId, dave).status()).isEqualTo(404);
    assertThat(api.get("/api/v2/auth/me", eve).status()).isEqualTo(200);

    assertThat(api.delete("/api/v2/user-tokens/" + own.json().getString("id"), dave).status()).isEqualTo(204);
    assertThat(api.get("/api/v2/auth/me", ownToken).status()).isEqualTo(401);
    assertThat(api.delete("/api/v2/user-tokens/" + eveTokenId, admin).status()).as("site admins revoke anyone's").isEqualTo(204);
    assertThat(api.get("/api/v2/auth/me", eve).status()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIs401() {
    String userId = fixtures.user("Frank Temporary");
    Response issued = api.post("/api/v2/user-tokens", admin,
        new JsonObject().put("user_id", userId).put("expires_at", Instant.now().plusSeconds(5).toString()));
    assertThat(issued.status()).isEqualTo(201);
    String token = fixtures.remember(issued.json().getString("created_token"));
    assertThat(api.get("/api/v2/auth/me", token).status()).isEqualTo(200);
    assertThat(api.get("/api/v2/user-tokens/" + issued.json().getString("id"), admin).json().getString("expires_at")).isNotNull();

    // asked again until the clock passes its expiry, as its holder would find out, rather than after a fixed sleep
    assertThat(Eventually.read(() -> api.get("/api/v2/auth/me", token).status(), status -> status == 401)).isEqualTo(401);

    assertThat(api.post("/api/v2/user-tokens", admin,
        new JsonObject().put("user_id", userId).put("expires_at", "2020-01-01T00:00:00Z")).status()).isEqualTo(400);
    assertThat(api.post("/api/v2/user-tokens", admin,
        new JsonObject().put("user_id", userId).put("expires_at", "tomorrow")).status()).isEqualTo(400);
  }

  @Test
  void listsPageAndFilter() {
    for (int i = 0; i < 3; i++) {
      fixtures.user("Paged " + i);
    }
    Response page = api.get("/api/v2/users?display_name=Paged&per_page=2&page=2", admin);
    assertThat(page.json().getInteger("page")).isEqualTo(2);
    assertThat(page.json().getInteger("per_page")).isEqualTo(2);
    assertThat(page.json().getLong("num_total")).isEqualTo(3);
    assertThat(page.items()).hasSize(1);
    Response pastTheEnd = api.get("/api/v2/users?display_name=Paged&per_page=2&page=9", admin);
    assertThat(pastTheEnd.json().getLong("num_total")).as("the true total, even past the end").isEqualTo(3);
    assertThat(pastTheEnd.items()).isEmpty();

    for (String bad : new String[] {"page=0", "per_page=0", "per_page=501", "page=x", "is_active=yes", "page=1&page=2"}) {
      assertThat(api.get("/api/v2/users?" + bad, admin).status()).as(bad).isEqualTo(400);
    }
    assertThat(api.get("/api/v2/users/not-a-uuid", admin).status()).isEqualTo(404);
  }
}
