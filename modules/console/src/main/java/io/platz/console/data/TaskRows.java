package io.platz.console.data;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.view.Principal;
import io.platz.console.view.TaskRow;
import io.platz.console.view.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployment tasks as History rows. The actor reads as the user's name, the bot's name (marked as a bot, and as
 * deleted when it is) or the deployment's name. An action shows its title from the deployment's kind; an
 * operation's own fields (an action's body) are never shown: they may hold secrets.
 */
public final class TaskRows {

  private final Calls calls;
  private final Directory names;
  private final Map<String, Future<JsonObject>> deployments = new HashMap<>();
  private Future<Map<String, JsonArray>> kindActions;

  public TaskRows(Calls calls) {
    this.calls = calls;
    this.names = new Directory(calls);
  }

  /** Deployments already read (an env's list), so that rows need no further call for them. */
  public TaskRows knowing(List<JsonObject> known) {
    known.forEach(deployment -> deployments.put(deployment.getString("id"), Future.succeededFuture(deployment)));
    return this;
  }

  public Future<List<TaskRow>> rows(List<JsonObject> tasks) {
    return Future.all(tasks.stream().map(this::row).toList()).map(all -> all.<TaskRow>list());
  }

  public Future<TaskRow> row(JsonObject task) {
    Future<JsonObject> deployment = deployment(task.getString("deployment_id"));
    Future<Principal> actor = task.getString("acting_deployment_id") != null
        ? deployment(task.getString("acting_deployment_id")).map(TaskRows::principal)
        : names.holder(task, "acting_");
    return Future.all(deployment, actor, actions()).map(all -> {
      JsonObject target = deployment.result();
      return new TaskRow(task.getString("id"), task.getString("status"), operation(task, target, actions().result()),
          principal(target), "/envs/" + task.getString("env_id") + "/deployments/" + task.getString("deployment_id"),
          actor.result(), Times.show(task.getString("created_at")), task.getString("reason"));
    });
  }

  private Future<JsonObject> deployment(String id) {
    return deployments.computeIfAbsent(id, key -> calls.get("/deployments/:id", new JsonObject().put("id", id))
        .otherwise(failure -> new JsonObject().put("id", id).put("name", id)));
  }

  private Future<Map<String, JsonArray>> actions() {
    if (kindActions == null) {
      kindActions = calls.get("/deployment-kinds", Query.of("per_page", Query.ALL).json()).map(page -> {
        Map<String, JsonArray> actions = new HashMap<>();
        Directory.items(page).forEach(kind -> actions.put(kind.getString("id"), kind.getJsonArray("actions", new JsonArray())));
        return actions;
      });
    }
    return kindActions;
  }

  private static Principal principal(JsonObject deployment) {
    return new Principal(Principal.DEPLOYMENT, deployment.getString("id"), deployment.getString("name"),
        deployment.getValue("deleted_at") != null);
  }

  static String operation(JsonObject task, JsonObject deployment, Map<String, JsonArray> actions) {
    JsonObject operation = task.getJsonObject("operation", new JsonObject());
    String type = operation.fieldNames().stream().findFirst().orElse("?");
    if (!"InvokeAction".equals(type)) {
      return type;
    }
    String actionId = operation.getJsonObject(type, new JsonObject()).getString("action_id");
    JsonArray kindActions = actions.getOrDefault(String.valueOf(deployment.getString("kind_id")), new JsonArray());
    String title = kindActions.stream().map(action -> (JsonObject) action)
        .filter(action -> action.getString("id").equals(actionId))
        .map(action -> action.getString("title", actionId)).findFirst().orElse(actionId);
    return "Invoke action: " + title;
  }
}
