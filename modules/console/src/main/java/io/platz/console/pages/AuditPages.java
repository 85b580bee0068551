package io.platz.console.pages;

import io.platz.common.audit.AuditActorType;
import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.data.Directory;
import io.platz.console.data.Query;
import io.platz.console.session.Viewer;
import io.platz.console.view.AuditRow;
import io.platz.console.view.AuditView;
import io.platz.console.view.Option;
import io.platz.console.view.Pager;
import io.platz.console.view.Principal;
import io.platz.console.view.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * /admin/audit: the audit events, newest first, filtered by type, actor kind and env. What the viewer sees is
 * what {@code GET /audit-events} answers them: everything for a site admin, their envs' events for an env Admin,
 * and the API's refusal for anyone else.
 */
final class AuditPages {

  private static final int PER_PAGE = 50;
  static final List<String> TYPES = List.of("user.created", "user.updated", "user_token.created", "user_token.revoked",
      "bot.created", "bot.updated", "bot.deleted", "bot_token.created", "bot_token.revoked", "deployment_token.created",
      "deployment_token.revoked", "env.created", "env.updated", "env.deleted", "env_role.granted", "env_role.removed",
      "deployment_role.granted", "deployment_role.removed", "deployment_kind.created", "deployment_kind.updated", "deployment_kind.deleted",
      "deployment.created", "deployment.updated", "deployment.deleted", "task.created", "task.canceled", "task.status_changed");

  private AuditPages() {
  }

  static void mount(Router router, Pages pages) {
    router.get("/admin/audit").handler(pages.view(AuditPages::list));
  }

  private static Future<Outcome> list(RoutingContext ctx, Viewer viewer, Calls calls) {
    String type = oneOf(TYPES, ctx.queryParams().get("type"));
    String actorType = oneOf(AuditActorType.NAMES, ctx.queryParams().get("actor_type"));
    String envId = Forms.uuidParam(ctx, "env_id");
    int page = Forms.page(ctx);
    Query filters = Query.of().with("type", type).with("actor_type", actorType).with("env_id", envId);
    String filterQuery = filters.json().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    Directory names = new Directory(calls);
    return calls.get("/audit-events", filters.with("order", "desc").with("page", page).with("per_page", PER_PAGE).json())
        .compose(events -> Future.all(
                calls.get("/envs", Query.of("per_page", Query.ALL).json()),
                Future.all(Directory.items(events).stream().map(event -> actor(names, event)).toList()))
            .map(all -> {
              Map<String, String> envs = Directory.items(all.resultAt(0)).stream()
                  .collect(Collectors.toMap(env -> env.getString("id"), env -> env.getString("name")));
              List<Principal> actors = ((io.vertx.core.CompositeFuture) all.resultAt(1)).list();
              List<JsonObject> items = Directory.items(events);
              List<AuditRow> rows = new java.util.ArrayList<>();
              for (int i = 0; i < items.size(); i++) {
                JsonObject event = items.get(i);
                String env = event.getString("env_id");
                rows.add(new AuditRow(event.getLong("seq"), Times.show(event.getString("occurred_at")), event.getString("type"),
                    actors.get(i), env == null ? "—" : envs.getOrDefault(env, env), event.getString("subject_type"),
                    event.getString("subject_id"), event.getJsonObject("data", new JsonObject()).encode()));
              }
              return Outcome.page("Audit - Admin", "audit", "audit.jte", new AuditView(
                  options(TYPES, type), options(AuditActorType.NAMES, actorType),
                  envs.entrySet().stream().sorted(Map.Entry.comparingByValue())
                      .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(envId))).toList(),
                  rows, Pager.of(events.getLong("num_total"), page, PER_PAGE, filterQuery),
                  type != null || actorType != null || envId != null));
            }));
  }

  private static Future<Principal> actor(Directory names, JsonObject event) {
    String id = event.getString("actor_id");
    return switch (String.valueOf(event.getString("actor_type"))) {
      case "User" -> names.user(id);
      case "Bot" -> names.bot(id);
      case "Deployment" -> names.deployment(id);
      default -> Future.succeededFuture(new Principal("System", String.valueOf(new UUID(0, 0)), "System", false));
    };
  }

  /** A filter value the API takes, or none (a value it would refuse is dropped, like an empty filter). */
  private static String oneOf(List<String> allowed, String value) {
    return value != null && allowed.contains(value) ? value : null;
  }

  private static List<Option> options(List<String> values, String selected) {
    return values.stream().map(value -> new Option(value, value, value.equals(selected))).toList();
  }
}
