package io.platz.console.pages;

import io.platz.common.error.ApiError;
import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.session.Flash;
import io.platz.console.session.Viewer;
import io.platz.console.view.DeploymentPermissionsView;
import io.platz.console.view.EnvHeader;
import io.platz.console.view.GrantRow;
import io.platz.console.view.KindCell;
import io.platz.console.view.KindRow;
import io.platz.console.view.Principal;
import io.platz.console.view.Times;
import io.platz.console.view.UserRolesView;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An env's settings: who holds which env role (/env-user-permissions) and who holds which role on each deployment
 * kind (/deployment-permissions). The pickers list users and bots alike. Whether the viewer may change them is the
 * permissions module's answer; the controls are offered only when it would say yes.
 */
final class SettingsPages {

  private SettingsPages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/envs/:env/settings").handler(ctx -> Pages.redirect(ctx, "/envs/" + Forms.id(ctx, "env") + "/settings/user-roles"));
    router.get("/envs/:env/settings/user-roles").handler(pages.view(SettingsPages::userRoles));
    router.post("/envs/:env/settings/user-roles").handler(pages.write(SettingsPages::grantEnvRole, SettingsPages::userRolesPage));
    router.post("/envs/:env/settings/user-roles/:grant/remove")
        .handler(pages.write(SettingsPages::removeEnvRole, SettingsPages::userRolesPage));
    router.get("/envs/:env/settings/deployment-permissions").handler(pages.view(SettingsPages::deploymentPermissions));
    router.post("/envs/:env/settings/deployment-permissions")
        .handler(pages.write(SettingsPages::grantKindRole, SettingsPages::kindRolesPage));
    router.post("/envs/:env/settings/deployment-permissions/:grant/remove")
        .handler(pages.write(SettingsPages::removeKindRole, SettingsPages::kindRolesPage));
  }

  private static String userRolesPage(RoutingContext ctx) {
    return "/envs/" + Forms.id(ctx, "env") + "/settings/user-roles";
  }

  private static String kindRolesPage(RoutingContext ctx) {
    return "/envs/" + Forms.id(ctx, "env") + "/settings/deployment-permissions";
  }

  private static Future<Outcome> userRoles(RoutingContext ctx, Viewer viewer, Calls calls) {
    String envId = Forms.id(ctx, "env");
    Directory names = new Directory(calls);
    return EnvPages.header(calls, envId, "user-roles")
        .compose(env -> Future.all(
                grants(calls, names, "/env-user-permissions", envId),
                calls.allows(HttpMethod.POST, "/env-user-permissions", new JsonObject(), new JsonObject().put("env_id", envId)),
                names.activeUsers(),
                names.liveBots())
            .map(all -> {
              List<GrantRow> grants = all.resultAt(0);
              Set<String> holding = grants.stream().map(grant -> grant.holder().id()).collect(Collectors.toSet());
              return Outcome.page("User Roles - Settings - " + env.name(), "envs", "userRoles.jte", new UserRolesView(env, grants,
                  all.resultAt(1), without(all.resultAt(2), holding), without(all.resultAt(3), holding), viewer.csrf()));
            }));
  }

  private static Future<Outcome> deploymentPermissions(RoutingContext ctx, Viewer viewer, Calls calls) {
    String envId = Forms.id(ctx, "env");
    Directory names = new Directory(calls);
    return EnvPages.header(calls, envId, "deployment-permissions")
        .compose(env -> Future.all(
                calls.get("/deployment-permissions", Query.of("env_id", envId, "per_page", Query.ALL).json())
                    .compose(page -> rows(names, page)),
                calls.allows(HttpMethod.POST, "/deployment-permissions", new JsonObject(), new JsonObject().put("env_id", envId)),
                names.activeUsers(),
                names.liveBots(),
                EnvPages.kindNames(calls))
            .map(all -> {
              List<Map.Entry<String, GrantRow>> grants = all.resultAt(0);
              Map<String, String> kinds = all.resultAt(4);
              List<KindRow> rows = kinds.entrySet().stream().map(kind -> {
                List<Map.Entry<String, GrantRow>> onKind = grants.stream().filter(g -> g.getKey().equals(kind.getKey())).toList();
                Set<String> holding = onKind.stream().map(g -> g.getValue().holder().id()).collect(Collectors.toSet());
                List<Principal> users = without(all.resultAt(2), holding);
                List<Principal> bots = without(all.resultAt(3), holding);
                return new KindRow(kind.getKey(), kind.getValue(),
                    new KindCell(kind.getKey(), kind.getValue(), "Owner", holders(onKind, "Owner"), users, bots),
                    new KindCell(kind.getKey(), kind.getValue(), "Maintainer", holders(onKind, "Maintainer"), users, bots));
              }).toList();
              return Outcome.page("Deployments Permissions - Settings - " + env.name(), "envs", "deploymentPermissions.jte",
                  new DeploymentPermissionsView(env, rows, all.resultAt(1), viewer.csrf()));
            }));
  }

  private static List<GrantRow> holders(List<Map.Entry<String, GrantRow>> grants, String role) {
    return grants.stream().map(Map.Entry::getValue).filter(grant -> grant.role().equals(role)).toList();
  }

  private static Future<List<GrantRow>> grants(Calls calls, Directory names, String path, String envId) {
    return calls.get(path, Query.of("env_id", envId, "per_page", Query.ALL).json())
        .compose(page -> rows(names, page))
        .map(rows -> rows.stream().map(Map.Entry::getValue).toList());
  }

  /** Each grant with the kind it is on (null for env roles). */
  private static Future<List<Map.Entry<String, GrantRow>>> rows(Directory names, JsonObject page) {
    List<Future<Map.Entry<String, GrantRow>>> rows = Directory.items(page).stream()
        .map(grant -> names.holder(grant, "").map(holder -> Map.entry(String.valueOf(grant.getString("kind_id")),
            new GrantRow(grant.getString("id"), holder, grant.getString("role"), Times.show(grant.getString("created_at"))))))
        .toList();
    return Future.all(rows).map(all -> all.list());
  }

  private static List<Principal> without(List<Principal> all, Set<String> holding) {
    return all.stream().filter(principal -> !holding.contains(principal.id())).toList();
  }

  private static Future<Outcome> grantEnvRole(RoutingContext ctx, Viewer viewer, Calls calls) {
    String envId = Forms.id(ctx, "env");
    JsonObject body = holder(ctx).put("env_id", envId).put("role", Forms.field(ctx, "role"));
    return calls.post("/env-user-permissions", body).map(granted -> {
      Flash.success(ctx, "Permission added.");
      return Outcome.redirect(userRolesPage(ctx));
    });
  }

  private static Future<Outcome> removeEnvRole(RoutingContext ctx, Viewer viewer, Calls calls) {
    return calls.delete("/env-user-permissions/:id", Forms.id(ctx, "grant")).map(done -> {
      Flash.success(ctx, "Permission removed.");
      return Outcome.redirect(userRolesPage(ctx));
    });
  }

  private static Future<Outcome> grantKindRole(RoutingContext ctx, Viewer viewer, Calls calls) {
    String envId = Forms.id(ctx, "env");
    JsonObject body = holder(ctx).put("env_id", envId).put("kind_id", Forms.field(ctx, "kind_id")).put("role", Forms.field(ctx, "role"));
    return calls.post("/deployment-permissions", body).map(granted -> {
      Flash.success(ctx, "Permission added.");
      return Outcome.redirect(kindRolesPage(ctx));
    });
  }

  private static Future<Outcome> removeKindRole(RoutingContext ctx, Viewer viewer, Calls calls) {
    return calls.delete("/deployment-permissions/:id", Forms.id(ctx, "grant")).map(done -> {
      Flash.success(ctx, "Permission removed.");
      return Outcome.redirect(kindRolesPage(ctx));
    });
  }

  /** The picker's value, {@code user:<id>} or {@code bot:<id>}, as the API's {@code user_id} or {@code bot_id}. */
  private static JsonObject holder(RoutingContext ctx) {
    String picked = String.valueOf(Forms.field(ctx, "holder"));
    if (picked.startsWith("user:")) {
      return new JsonObject().put("user_id", picked.substring(5));
    }
    if (picked.startsWith("bot:")) {
      return new JsonObject().put("bot_id", picked.substring(4));
    }
    throw ApiError.badRequest("select a user or a bot");
  }
}
