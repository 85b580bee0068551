package io.platz.console.pages;

import io.platz.common.deployments.DeploymentTaskStatus;
import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.data.TaskRows;
import io.platz.console.session.Viewer;
import io.platz.console.view.DeploymentRow;
import io.platz.console.view.HistoryFilters;
import io.platz.console.view.HistoryView;
import io.platz.console.view.Option;
import io.platz.console.view.Pager;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * History: an env's deployment tasks, or one deployment's, newest first, filtered by acting user, bot or
 * deployment and by status, in pages; the first page grows as tasks happen (see {@code HistoryStream}).
 */
final class HistoryPages {

  static final int PER_PAGE = 20;

  private HistoryPages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/envs/:env/history").handler(pages.view((ctx, viewer, calls) -> history(ctx, viewer, calls, null)));
    router.get("/envs/:env/deployments/:deployment")
        .handler(pages.view((ctx, viewer, calls) -> history(ctx, viewer, calls, Forms.id(ctx, "deployment"))));
  }

  private static Future<Outcome> history(RoutingContext ctx, Viewer viewer, Calls calls, String deploymentId) {
    String envId = Forms.id(ctx, "env");
    HistoryFilter filter = HistoryFilter.of(ctx, deploymentId);
    int page = Forms.page(ctx);
    Directory names = new Directory(calls);
    Query tasks = filter.query().with("env_id", envId).with("deployment_id", deploymentId)
        .with("page", page).with("per_page", PER_PAGE);
    return EnvPages.header(calls, envId, deploymentId == null ? "history" : "deployments")
        .compose(env -> Future.all(
                calls.get("/deployments", Query.of("env_id", envId, "include_deleted", "true", "simple", "true", "per_page", Query.ALL).json()),
                EnvPages.kindNames(calls),
                calls.get("/deployment-tasks", tasks.json()),
                names.userOptions(filter.actingUserId()),
                names.botOptions(filter.actingBotId()))
            .compose(all -> {
              List<JsonObject> deployments = Directory.items(all.resultAt(0));
              Map<String, String> kinds = all.resultAt(1);
              JsonObject found = all.resultAt(2);
              DeploymentRow deployment = deploymentId == null ? null : deployments.stream()
                  .filter(d -> d.getString("id").equals(deploymentId)).findFirst()
                  .map(d -> EnvPages.deployment(d, kinds))
                  .orElseThrow(() -> new io.platz.common.error.ApiError(404, "deployment not found"));
              List<Option> deploymentOptions = deployments.stream().map(d -> new Option(d.getString("id"),
                  d.getString("name") + (d.getValue("deleted_at") == null ? "" : " (deleted)"),
                  d.getString("id").equals(filter.actingDeploymentId()))).toList();
              List<Option> statuses = DeploymentTaskStatus.NAMES.stream()
                  .map(status -> new Option(status, status, status.equals(filter.status()))).toList();
              HistoryFilters filters = new HistoryFilters(all.resultAt(3), all.resultAt(4), deploymentOptions, statuses,
                  deploymentId != null, filter.active());
              return new TaskRows(calls).knowing(deployments).rows(Directory.items(found)).map(rows -> {
                String action = deploymentId == null ? env.base() + "/history" : deployment.url();
                String live = page == 1 ? env.base() + "/history/live?" + live(filter) : null;
                String title = deploymentId == null ? "History - " + env.name() : deployment.name() + " - " + env.name();
                return Outcome.page(title, "envs", "history.jte", new HistoryView(env, deployment, filters, rows,
                    Pager.of(found.getLong("num_total"), page, PER_PAGE, filter.queryString()), live, action));
              });
            }));
  }

  private static String live(HistoryFilter filter) {
    String query = filter.queryString();
    if (filter.deploymentId() != null) {
      query = (query.isEmpty() ? "" : query + "&") + "deployment_id=" + filter.deploymentId();
    }
    return query;
  }
}
