package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Events;
import io.platz.app.console.ConsoleClient.Page;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.Response;
import io.platz.app.support.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's pages without a browser: their structure, and that each shows only what the signed-in person may
 * see and offers only what the permissions module would allow, because every read and write is the JSON API's.
 */
class ConsolePagesTest {

  private static TestPlatform platz;
  private static ConsoleWorld world;

  @BeforeAll
  static void start() {
    platz = TestPlatform.start();
    world = new ConsoleWorld(platz);
  }

  @AfterAll
  static void stop() {
    platz.close();
  }

  private static ConsoleClient signedIn(String token) {
    ConsoleClient browser = new ConsoleClient(platz.platform().config().httpPort());
    assertThat(browser.signIn(token).status()).isEqualTo(200);
    return browser;
  }

  private static List<String> nav(Page page) {
    return page.doc().select("nav[aria-label=Main] a").eachText();
  }

  @Test
  void theNavigationOffersOnlyWhatTheViewerMayUse() {
    assertThat(nav(signedIn(world.admin).get("/envs"))).contains("Envs", "Bots", "Users", "Audit");
    List<String> envAdmin = nav(signedIn(world.adam).get("/envs"));
    assertThat(envAdmin).contains("Envs", "Audit", "Adam Admin").doesNotContain("Bots", "Users");
    List<String> envUser = nav(signedIn(world.erin).get("/envs"));
    assertThat(envUser).contains("Envs", "Erin User").doesNotContain("Bots", "Users", "Audit");
  }

  @Test
  void adminPagesAnswerTheAPIsRefusalToOthers() {
    ConsoleClient erin = signedIn(world.erin);
    for (String path : List.of("/admin/bots", "/admin/users", "/admin/audit")) {
      Page refused = erin.get(path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.text()).as(path).containsAnyOf("Only site admins may do this.",
          "Only site admins and env Admins may read the audit trail.");
    }
    String botId = world.fixtures.bot("not-for-erin");
    assertThat(erin.get("/admin/bots/" + botId).status()).as("a bot's tokens are for site admins").isEqualTo(403);
    assertThat(erin.post("/admin/bots", "display_name", "erins-bot").location()).isEqualTo("/admin/bots");
    assertThat(erin.get("/admin/bots").status()).isEqualTo(403);
    assertThat(world.api.get("/api/v2/bots?display_name=erins-bot", world.admin).json().getLong("num_total")).isZero();
  }

  @Test
  void envsAreThoseTheViewerSees() {
    assertThat(signedIn(world.admin).get("/envs").doc().select("#envs a").eachText()).containsExactly("prod", "staging");
    assertThat(signedIn(world.erin).get("/envs").doc().select("#envs a").eachText()).containsExactly("prod");
    assertThat(signedIn(world.kim).get("/envs").doc().select("#envs a").eachText()).containsExactly("prod");
    Page olga = signedIn(world.olga).get("/envs");
    assertThat(olga.doc().select("#envs")).isEmpty();
    assertThat(olga.text()).contains("No envs");
    assertThat(signedIn(world.erin).get("/envs/" + world.staging).status()).as("not found, not forbidden").isEqualTo(404);
    assertThat(signedIn(world.olga).get("/envs/" + world.prod + "/history").status()).isEqualTo(404);
  }

  @Test
  void anEnvShowsItsDeploymentsByKind() {
    Document admin = signedIn(world.admin).get("/envs/" + world.prod).doc();
    assertThat(admin.select("section.kind h2").eachText()).containsExactly("api", "web");
    assertThat(admin.select("section.kind a").eachText()).containsExactly("api-1", "web-1");
    Document kim = signedIn(world.kim).get("/envs/" + world.prod).doc();
    assertThat(kim.select("section.kind h2").eachText()).as("only the kinds Kim holds a role on").containsExactly("api");
  }

  @Test
  void everyNameStaysText() {
    String hostile = "<script>alert('x')</script>";
    String botId = world.fixtures.bot(hostile);
    world.kindRole(world.prod, world.apiKind, "bot_id", botId, "Maintainer");
    String botToken = world.fixtures.botToken(botId);
    assertThat(world.restart(botToken, world.api1).status()).isEqualTo(201);
    // the audit page lists numbered events: the bot's are numbered moments after their commit
    AuditTrailProbe.settledSeq(platz.platform().database());
    ConsoleClient admin = signedIn(world.admin);
    for (String path : List.of("/admin/bots", "/admin/bots/" + botId, "/envs/" + world.prod + "/settings/user-roles",
        "/envs/" + world.prod + "/history", "/admin/audit")) {
      Page page = admin.get(path);
      assertThat(page.body()).as(path).doesNotContain(hostile).contains("&lt;script&gt;");
      assertThat(page.doc().select("script:not([src])")).as(path).isEmpty();
    }
    assertThat(admin.get("/admin/bots").doc().select("#bots a").eachText()).contains(hostile);
  }

  @Test
  void aNewTokenIsShownOnceAndWorks() {
    String botId = world.fixtures.bot("show-once-" + System.nanoTime());
    ConsoleClient admin = signedIn(world.admin);
    admin.get("/admin/bots/" + botId);
    Page issued = admin.htmxPost("/admin/bots/" + botId + "/tokens");
    assertThat(issued.status()).isEqualTo(200);
    assertThat(issued.header("cache-control")).isEqualTo("no-store");
    Document fragment = issued.doc();
    String token = fragment.select("#new-token").attr("value");
    assertThat(token).matches("pzb_[0-9A-Za-z]{71}");
    world.fixtures.remember(token);
    assertThat(fragment.select("#copy-token").text()).isEqualTo("Copy");
    assertThat(fragment.select("#curl-example").text()).isEqualTo("curl -H 'x-platz-token: " + token + "' " + admin.base() + "/api/v2/deployments");
    assertThat(fragment.text()).contains("It cannot be shown again.");
    assertThat(fragment.select("#tokens[hx-swap-oob] tbody tr")).as("the list, refreshed out of band").hasSize(1);
    assertThat(fragment.select("dialog#token-dialog").hasAttr("data-once")).isTrue();

    Response me = world.api.get("/api/v2/auth/me", token);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getJsonObject("Bot").getString("id")).isEqualTo(botId);

    Page reload = admin.get("/admin/bots/" + botId);
    assertThat(reload.body()).doesNotContain(token).doesNotContain(token.substring(26, 69));
    Element row = reload.doc().selectFirst("#tokens tbody tr");
    assertThat(row.select("td").eachText().subList(0, 3)).containsExactly(fragment.select("#tokens tbody tr td code").first().text(),
        row.select("td").get(1).text(), "admin");
    assertThat(reload.doc().select("#tokens thead th").eachText()).containsExactly("ID", "Created", "Created by", "Last used", "Expires", "Actions");
  }

  @Test
  void withoutScriptTheTokenComesInANoStorePage() {
    String botId = world.fixtures.bot("no-script-" + System.nanoTime());
    ConsoleClient admin = signedIn(world.admin);
    admin.get("/admin/bots/" + botId);
    Page page = admin.post("/admin/bots/" + botId + "/tokens");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("cache-control")).isEqualTo("no-store");
    String token = world.fixtures.remember(page.doc().select("#token-dialog #new-token").attr("value"));
    assertThat(token).startsWith("pzb_");
    assertThat(admin.get("/admin/bots/" + botId).body()).doesNotContain(token);
  }

  @Test
  void botsListLiveBotsAndDeletedOnesApart() {
    String doomed = world.fixtures.bot("doomed-" + System.nanoTime());
    ConsoleClient admin = signedIn(world.admin);
    admin.get("/admin/bots/" + doomed);
    Page deleted = admin.submit("/admin/bots/" + doomed + "/delete");
    assertThat(deleted.text()).contains("deleted: its tokens are revoked and its permissions removed");
    Document bots = admin.get("/admin/bots").doc();
    assertThat(bots.select("#bots").text()).doesNotContain(doomed);
    assertThat(bots.select("#deleted-bots").text()).contains(doomed);
    Document page = admin.get("/admin/bots/" + doomed).doc();
    assertThat(page.select("details.actions")).as("read-only").isEmpty();
    assertThat(page.text()).contains("This bot was deleted");
  }

  @Test
  void userRolesListUsersAndBotsAndOnlyAdminsManageThem() {
    String botId = world.fixtures.bot("picker-bot-" + System.nanoTime());
    ConsoleClient adam = signedIn(world.adam);
    String path = "/envs/" + world.prod + "/settings/user-roles";
    Document page = adam.get(path).doc();
    assertThat(page.select("#add-user-permission").text()).isEqualTo("Add User Permission");
    assertThat(page.select("#env-role-holder optgroup").eachAttr("label")).containsExactly("Users", "Bots");
    assertThat(page.select("#env-role-holder optgroup[label=Bots] option").eachText()).contains(world.api.get("/api/v2/bots/" + botId, world.admin)
        .json().getString("display_name") + " (bot)");
    assertThat(page.select("#env-role-holder optgroup[label=Users] option").eachText()).doesNotContain("Erin User").contains("Olga Outsider");
    assertThat(page.select("input[name=role]").eachAttr("value")).containsExactly("User", "Admin");
    assertThat(page.text()).contains("Can deploy and invoke actions according to deployment-level permissions.")
        .contains("Full env access, including modifying env settings.");

    Page granted = adam.submit(path, "holder", "bot:" + botId, "role", "User");
    Element row = granted.doc().select("#env-roles tr:has(.badge-bot)").last();
    assertThat(row.text()).contains("picker-bot-").contains("Bot").contains("USER");
    String grantId = row.id().substring("grant-".length());
    assertThat(world.api.get("/api/v2/env-user-permissions/" + grantId, world.admin).json().getString("bot_id")).isEqualTo(botId);

    Document erinsView = signedIn(world.erin).get(path).doc();
    assertThat(erinsView.select("#add-user-permission, dialog#add-env-role")).isEmpty();
    assertThat(erinsView.select("#env-roles tbody tr")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(signedIn(world.erin).post(path, "holder", "user:" + world.olgaId, "role", "User").location()).isEqualTo(path);

    Page removed = adam.submit(path + "/" + grantId + "/remove");
    assertThat(removed.text()).contains("Permission removed.");
    assertThat(world.api.get("/api/v2/env-user-permissions/" + grantId, world.admin).status()).isEqualTo(404);

    String ownGrant = adam.get(path).doc().select("#env-roles tr:contains(Adam Admin)").attr("id").substring("grant-".length());
    assertThat(adam.submit(path + "/" + ownGrant + "/remove").doc().select(".flash-error").text())
        .as("the API's 409, in its words").isEqualTo("You cannot remove your own permission.");
  }

  @Test
  void deploymentPermissionsAreAMatrixOfKindsAndRoles() {
    String botId = world.fixtures.bot("matrix-bot-" + System.nanoTime());
    ConsoleClient adam = signedIn(world.adam);
    String path = "/envs/" + world.prod + "/settings/deployment-permissions";
    Document page = adam.get(path).doc();
    assertThat(page.select("#kind-roles thead th").eachText()).containsExactly("Deployment kind", "Owners", "Maintainers");
    assertThat(page.select("#kind-roles tbody th").eachText()).containsExactly("api", "web");
    assertThat(page.select("#kind-" + world.apiKind + " td[data-role=Maintainer] .holders").text()).contains("Kim Maintainer");
    assertThat(page.select("#add-maintainer-" + world.apiKind + " h2").text()).isEqualTo("Add api Maintainer");
    assertThat(page.select("#add-maintainer-" + world.apiKind + " optgroup[label=Users] option").eachText()).doesNotContain("Kim Maintainer");

    Page granted = adam.submit(path, "holder", "bot:" + botId, "kind_id", world.apiKind, "role", "Maintainer");
    Element cell = granted.doc().selectFirst("#kind-" + world.apiKind + " td[data-role=Maintainer]");
    assertThat(cell.text()).contains("matrix-bot-").contains("Bot");
    JsonObject grants = world.api.get("/api/v2/deployment-permissions?bot_id=" + botId, world.admin).json();
    assertThat(grants.getLong("num_total")).isEqualTo(1);
    String grantId = grants.getJsonArray("items").getJsonObject(0).getString("id");
    assertThat(cell.select("form[action$=" + grantId + "/remove]")).hasSize(1);
    adam.submit(path + "/" + grantId + "/remove");
    assertThat(world.api.get("/api/v2/deployment-permissions?bot_id=" + botId, world.admin).json().getLong("num_total")).isZero();

    Document erinsView = signedIn(world.erin).get(path).doc();
    assertThat(erinsView.select("dialog, form[action$=/remove]")).as("read-only for an env User").isEmpty();
  }

  @Test
  void historyNamesWhoActedAndFilters() {
    String botId = world.fixtures.bot("history-bot-" + System.nanoTime());
    world.kindRole(world.prod, world.apiKind, "bot_id", botId, "Maintainer");
    String botToken = world.fixtures.botToken(botId);
    assertThat(world.restart(botToken, world.api1).status()).isEqualTo(201);
    assertThat(world.restart(world.kim, world.api1).status()).isEqualTo(201);
    assertThat(world.restart(world.deploymentCredential(world.web1), world.api1).status()).isEqualTo(201);
    assertThat(world.api.delete("/api/v2/bots/" + botId, world.admin).status()).isEqualTo(204);

    ConsoleClient erin = signedIn(world.erin);
    String path = "/envs/" + world.prod + "/history";
    Document all = erin.get(path).doc();
    List<String> actors = all.select("#history td.actor").eachText();
    assertThat(actors.subList(0, 3)).containsExactly("web-1 Deployment", "Kim Maintainer", all.select("#history td.actor").get(2).text());
    assertThat(actors.get(2)).startsWith("history-bot-").endsWith("Bot deleted");
    assertThat(all.select("#history tbody tr").first().select("td").get(1).text()).isEqualTo("Invoke action: Restart");
    assertThat(all.select("select[name=acting_bot_id] option").eachText()).anyMatch(o -> o.startsWith("history-bot-") && o.endsWith("(deleted)"));
    assertThat(all.select("#history").attr("data-live")).startsWith(path + "/live");

    Document byBot = erin.get(path + "?acting_bot_id=" + botId).doc();
    assertThat(byBot.select("#history tbody tr")).hasSize(1);
    assertThat(byBot.select("select[name=acting_bot_id] option[selected]").attr("value")).isEqualTo(botId);
    assertThat(byBot.select("#history").attr("data-live")).isEqualTo(path + "/live?acting_bot_id=" + botId);

    Document byStatus = erin.get(path + "?status=Done").doc();
    assertThat(byStatus.select("#history tbody tr.empty").text()).isEqualTo("No tasks match these filters.");

    Document oneDeployment = erin.get("/envs/" + world.prod + "/deployments/" + world.web1).doc();
    assertThat(oneDeployment.select("h2").first().text()).isEqualTo("web-1");
    assertThat(oneDeployment.select("#history tbody tr.empty")).hasSize(1);

    Document kim = signedIn(world.kim).get(path).doc();
    assertThat(kim.select("#history tbody tr td:nth-child(3)").eachText()).as("Kim sees the api kind only").allMatch("api-1"::equals);
  }

  @Test
  void historyPushesNewTasksOnlyToThoseWhoMaySeeThem() throws Exception {
    String live = "/envs/" + world.prod + "/history/live";
    try (Events erin = signedIn(world.erin).events(live);
         Events erinFiltered = signedIn(world.erin).events(live + "?acting_user_id=" + world.erinId);
         Events olga = signedIn(world.olga).events(live);
         Events anonymous = new ConsoleClient(platz.platform().config().httpPort()).events(live)) {
      assertThat(erin.status()).isEqualTo(200);
      assertThat(olga.status()).as("Olga does not see prod").isEqualTo(404);
      assertThat(anonymous.status()).isEqualTo(401);
      erin.until("retry:");
      Response task = world.restart(world.kim, world.api1);
      assertThat(task.status()).isEqualTo(201);
      String taskId = task.json().getString("id");
      List<String> lines = erin.until("</tr>");
      assertThat(String.join("\n", lines)).contains("event: task").contains("task-" + taskId).contains("Kim Maintainer")
          .contains("Invoke action: Restart");
      assertThat(String.join("\n", erinFiltered.within(100))).as("filtered out").doesNotContain("task-" + taskId);

      Response advanced = world.api.put("/api/v2/deployment-tasks/" + taskId, world.admin, new JsonObject().put("status", "Started"));
      assertThat(advanced.status()).isEqualTo(200);
      assertThat(String.join("\n", erin.until("</tr>"))).contains("task-" + taskId).contains("Started");
    }
  }

  @Test
  void theStreamEndsWithTheSession() throws Exception {
    String token = world.fixtures.userToken(world.erinId);
    ConsoleClient browser = signedIn(token);
    try (Events events = browser.events("/envs/" + world.prod + "/history/live")) {
      events.until("retry:");
      browser.post("/logout");
      world.restart(world.kim, world.api1);
      assertThat(String.join("\n", events.until("event: end"))).doesNotContain("<tr");
    }
  }

  @Test
  void auditShowsWhatTheAPIAnswersTheViewer() {
    Document all = signedIn(world.admin).get("/admin/audit").doc();
    assertThat(all.select("#audit tbody tr")).hasSizeGreaterThan(10);
    assertThat(all.select("select[name=type] option").eachText()).contains("bot.created", "task.created");
    Document adams = signedIn(world.adam).get("/admin/audit").doc();
    assertThat(adams.select("#audit tbody tr td:nth-child(5)").eachText()).as("an env Admin sees their env's events").allMatch("prod"::equals);
    Document filtered = signedIn(world.admin).get("/admin/audit?type=env.created").doc();
    assertThat(filtered.select("#audit tbody tr td:nth-child(3)").eachText()).containsOnly("env.created");
    assertThat(filtered.select("#audit tbody tr")).hasSize(2);
  }

  @Test
  void usersAreProvisionedPromotedAndDeactivatedByASiteAdmin() {
    ConsoleClient admin = signedIn(world.admin);
    String email = "pat+" + System.nanoTime() + "@example.org";
    Page provisioned = admin.submit("/admin/users", "display_name", "Pat Provisioned", "email", email);
    assertThat(provisioned.text()).contains("Pat Provisioned provisioned.");
    String patId = world.api.get("/api/v2/users?email=" + email.replace("+", "%2B"), world.admin).items().getJsonObject(0).getString("id");

    Page token = admin.htmxPost("/admin/users/" + patId + "/tokens");
    String patToken = world.fixtures.remember(token.doc().select("#new-token").attr("value"));
    assertThat(patToken).startsWith("pzu_");
    ConsoleClient pat = signedIn(patToken);
    assertThat(nav(pat.get("/envs"))).doesNotContain("Users");

    admin.get("/admin/users");
    admin.submit("/admin/users/" + patId, "change", "make-admin");
    assertThat(nav(pat.get("/envs"))).as("the next click knows").contains("Users", "Bots");
    Document users = admin.get("/admin/users").doc();
    assertThat(users.select("#user-" + patId).text()).contains("Site admin");
    Element me = users.selectFirst("tr:contains(admin@localhost)");
    assertThat(me.select("button")).as("nobody changes their own flags").isEmpty();

    admin.submit("/admin/users/" + patId, "change", "deactivate");
    assertThat(pat.get("/envs").location()).startsWith("/login?ended=1");
    assertThat(admin.get("/admin/users").doc().select("#user-" + patId).text()).contains("Deactivated");
  }

  @Test
  void theProfileListsOnlyYourOwnTokens() {
    ConsoleClient erin = signedIn(world.erin);
    Document page = erin.get("/profile/tokens").doc();
    List<String> ids = page.select("#tokens tbody tr > td:first-child > code").eachText();
    JsonObject erins = world.api.get("/api/v2/user-tokens?user_id=" + world.erinId, world.admin).json();
    assertThat(ids).hasSize(erins.getInteger("num_total"));
    assertThat(page.select("#tokens .badge:contains(this session)")).hasSize(1);
    Page issued = erin.htmxPost("/profile/tokens");
    String token = world.fixtures.remember(issued.doc().select("#new-token").attr("value"));
    assertThat(world.api.get("/api/v2/auth/me", token).json().getJsonObject("User").getString("id")).isEqualTo(world.erinId);
  }
}
