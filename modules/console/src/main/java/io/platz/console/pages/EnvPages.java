package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.session.Viewer;
import io.platz.console.view.DeploymentRow;
import io.platz.console.view.EnvHeader;
import io.platz.console.view.EnvRow;
import io.platz.console.view.EnvView;
import io.platz.console.view.EnvsView;
import io.platz.console.view.KindGroup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /envs and /envs/:env: the envs the viewer sees, and an env's deployments by kind. */
final class EnvPages {

  private EnvPages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/envs").handler(pages.view(EnvPages::list));
    router.get("/envs/:env").handler(pages.view(EnvPages::show));
  }

  private static Future<Outcome> list(RoutingContext ctx, Viewer viewer, Calls calls) {
    return calls.get("/envs", Query.of("per_page", Query.ALL).json())
        .map(envs -> Outcome.page("Envs", "envs", "envs.jte", new EnvsView(Directory.items(envs).stream()
            .map(env -> new EnvRow(env.getString("id"), env.getString("name"))).toList())));
  }

  private static Future<Outcome> show(RoutingContext ctx, Viewer viewer, Calls calls) {
    String id = Forms.id(ctx, "env");
    return header(calls, id, "deployments")
        .compose(env -> Future.all(
                calls.get("/deployments", Query.of("env_id", id, "simple", "true", "per_page", Query.ALL).json()),
                kindNames(calls))
            .map(both -> {
              Map<String, String> kinds = both.resultAt(1);
              Map<String, List<DeploymentRow>> byKind = new LinkedHashMap<>();
              kinds.values().forEach(name -> byKind.put(name, new java.util.ArrayList<>()));
              Directory.items(both.resultAt(0)).stream()
                  .map(deployment -> deployment(deployment, kinds))
                  .forEach(row -> byKind.computeIfAbsent(row.kind(), k -> new java.util.ArrayList<>()).add(row));
              List<KindGroup> groups = byKind.entrySet().stream().filter(group -> !group.getValue().isEmpty())
                  .map(group -> new KindGroup(group.getKey(), group.getValue())).toList();
              return Outcome.page(env.name(), "envs", "env.jte", new EnvView(env, groups));
            }));
  }

  /** The env, read as the viewer: one they cannot see is not found. */
  static Future<EnvHeader> header(Calls calls, String id, String tab) {
    return calls.get("/envs/:id", new JsonObject().put("id", id)).map(env -> new EnvHeader(id, env.getString("name"), tab));
  }

  /** Kind id → name, in the API's order (by name). */
  static Future<Map<String, String>> kindNames(Calls calls) {
    return calls.get("/deployment-kinds", Query.of("per_page", Query.ALL).json()).map(page -> {
      Map<String, String> names = new LinkedHashMap<>();
      Directory.items(page).forEach(kind -> names.put(kind.getString("id"), kind.getString("name")));
      return names;
    });
  }

  static DeploymentRow deployment(JsonObject deployment, Map<String, String> kinds) {
    return new DeploymentRow(deployment.getString("id"), deployment.getString("name"),
        kinds.getOrDefault(deployment.getString("kind_id"), deployment.getString("kind_id")), deployment.getString("status"),
        deployment.getBoolean("enabled", false), deployment.getValue("deleted_at") != null, deployment.getString("env_id"));
  }
}
