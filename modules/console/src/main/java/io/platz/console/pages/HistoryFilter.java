package io.platz.console.pages;

import io.platz.common.deployments.DeploymentTaskStatus;
import io.platz.console.data.Query;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The History filters of a request, under the API's own query parameter names, so that the page's URL reads
 * like the API call it makes ({@code acting_bot_id=...}). Values that are not what the API takes are dropped.
 */
public record HistoryFilter(String deploymentId, String actingUserId, String actingBotId, String actingDeploymentId, String status) {


  public static HistoryFilter of(RoutingContext ctx, String deploymentId) {
    String status = ctx.queryParams().get("status");
    return new HistoryFilter(deploymentId, Forms.uuidParam(ctx, "acting_user_id"), Forms.uuidParam(ctx, "acting_bot_id"),
        Forms.uuidParam(ctx, "acting_deployment_id"), status != null && DeploymentTaskStatus.NAMES.contains(status) ? status : null);
  }

  /** The query of the list call, and of the page's links. */
  Query query() {
    return Query.of().with("acting_user_id", actingUserId).with("acting_bot_id", actingBotId)
        .with("acting_deployment_id", actingDeploymentId).with("status", status);
  }

  String queryString() {
    StringBuilder query = new StringBuilder();
    query().json().forEach(entry -> query.append(query.isEmpty() ? "" : "&").append(entry.getKey()).append('=').append(entry.getValue()));
    return query.toString();
  }

  boolean active() {
    return actingUserId != null || actingBotId != null || actingDeploymentId != null || status != null;
  }

  /** Whether a task read a moment ago belongs in this view: what the list call would have answered. */
  public boolean matches(JsonObject task) {
    return same(deploymentId, task.getString("deployment_id")) && same(actingUserId, task.getString("acting_user_id"))
        && same(actingBotId, task.getString("acting_bot_id")) && same(actingDeploymentId, task.getString("acting_deployment_id"))
        && same(status, task.getString("status"));
  }

  private static boolean same(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }
}
