package io.platz.console.live;

import io.platz.api.OpenStreams;
import io.platz.api.ServerSentEvents;
import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.error.ApiError;
import io.platz.console.data.ConsoleApi;
import io.platz.console.data.TaskRows;
import io.platz.console.pages.HistoryFilter;
import io.platz.console.pages.Pages;
import io.platz.console.session.Sessions;
import io.platz.console.session.Viewer;
import io.platz.console.view.TaskRow;
import io.platz.console.web.Views;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New tasks on a History page as they happen, without a reload: a server-sent event stream fed by the audit
 * events the audit verticle publishes ({@code platz.audit.events}). For each task event of the page's env, the
 * task is read again through the API as the viewer, so the permissions module decides what is pushed; a task
 * the viewer may not see is not sent. The session is checked again at every event: once it is signed out, or its
 * token revoked or its user deactivated, the stream ends.
 *
 * <p>A stream opens only for an env the viewer sees, and a person holds at most {@link #PER_PERSON} of them. An
 * event costs one check per session and one read of the task (and of its row's names) per viewer, however many of
 * their streams show it.
 *
 * <p>One instance per HTTP verticle instance, on its event loop: the streams it holds are those of requests that
 * verticle serves, and the bus delivers events to it on the same thread.
 */
public final class HistoryStream {

  /** Open streams a person may hold: History live in a few tabs. */
  public static final int PER_PERSON = 5;
  private static final long HEARTBEAT_MS = 20_000;

  private final Vertx vertx;
  private final ConsoleApi api;
  private final Sessions sessions;
  private final OpenStreams open;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  public HistoryStream(Vertx vertx, ConsoleApi api, Sessions sessions, OpenStreams open) {
    this.vertx = vertx;
    this.api = api;
    this.sessions = sessions;
    this.open = open;
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_EVENTS, message -> publish(message.body()));
  }

  /** GET /envs/:env/history/live: behind the session guard, so the viewer was verified a moment ago. */
  public void open(RoutingContext ctx) {
    String envId = uuidOrNull(ctx.pathParam("env"));
    if (envId == null) {
      Pages.notFound(ctx);
      return;
    }
    Viewer viewer = Viewer.of(ctx);
    // as the env's own pages answer: an env the viewer cannot see is not found, and no stream starts for it
    api.as(viewer.identity()).get("/envs/:id", new JsonObject().put("id", envId))
        .onSuccess(env -> start(ctx, viewer, envId))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private void start(RoutingContext ctx, Viewer viewer, String envId) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    if (!open.open(viewer.id())) {
      Pages.error(ctx, 429, "Too many live pages", "At most " + PER_PERSON
          + " History pages of yours show new tasks as they happen. Close one and reload this page.");
      return;
    }
    Subscriber subscriber = new Subscriber(envId, HistoryFilter.of(ctx, uuidOrNull(ctx.queryParams().get("deployment_id"))),
        ctx, Sessions.secret(ctx), response, ctx.queryParams().get("deployment_id") == null);
    subscribers.add(subscriber);
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> subscriber.write(ServerSentEvents.comment("still here")));
    // over when either side ends it: the browser leaves (close), or the session ended or the server stops (end)
    Handler<Void> over = done -> {
      if (subscribers.remove(subscriber)) {
        vertx.cancelTimer(heartbeat);
        open.closed(viewer.id());
      }
    };
    response.closeHandler(over).endHandler(over);
    // a server shutting down waits for open requests: a stream that never ends would hold it for its whole timeout
    ctx.request().connection().shutdownHandler(shutdown -> subscriber.end());
    ServerSentEvents.begin(response, 3000);
  }

  private static void refuse(RoutingContext ctx, Throwable failure) {
    if (!(failure instanceof ApiError refusal)) {
      ctx.fail(failure);
    } else if (refusal.status() == 404) {
      Pages.notFound(ctx);
    } else {
      Pages.failure(ctx, refusal.status());
    }
  }

  private void publish(JsonObject event) {
    String type = event.getString("type", "");
    String envId = event.getString("env_id");
    String taskId = event.getString("subject_id");
    if (!type.startsWith("task.") || envId == null || taskId == null) {
      return;
    }
    EventReads reads = new EventReads(taskId);
    for (Subscriber subscriber : subscribers) {
      if (subscriber.envId.equals(envId)) {
        subscriber.enqueue(() -> deliver(subscriber, reads, type));
      }
    }
  }

  /** The viewer of the stream's session, as of now; the task as they may read it; the row if it belongs in the view. */
  private Future<Void> deliver(Subscriber subscriber, EventReads reads, String type) {
    return reads.viewer(subscriber)
        .compose(viewer -> {
          if (viewer.isEmpty()) {
            subscriber.write("event: end\ndata: signed out\n\n");
            subscriber.end();
            return Future.succeededFuture();
          }
          return send(subscriber, reads, viewer.get().identity(), type);
        });
  }

  private Future<Void> send(Subscriber subscriber, EventReads reads, Identity viewer, String type) {
    return reads.task(viewer)
        .compose(task -> {
          if (!subscriber.filter.matches(task)) {
            if (!type.equals("task.created")) {
              subscriber.write("event: gone\ndata: task-" + task.getString("id") + "\n\n");
            }
            return Future.<Void>succeededFuture();
          }
          return reads.row(viewer, task).<Void>map(row -> {
            subscriber.write(ServerSentEvents.event(null, "task", Views.render("taskRow.jte", Map.of("row", row, "showDeployment", subscriber.showDeployment))));
            return null;
          });
        })
        // not visible to the viewer: nothing is sent, not even that something happened
        .recover(hidden -> Future.<Void>succeededFuture());
  }

  private static String uuidOrNull(String value) {
    try {
      return value == null ? null : UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What one event needs read, each once for all the streams of this verticle that show it. */
  private final class EventReads {

    private final String taskId;
    private final Map<String, Future<Optional<Viewer>>> viewers = new HashMap<>();
    private final Map<Identity, Future<JsonObject>> tasks = new HashMap<>();
    private final Map<Identity, Future<TaskRow>> rows = new HashMap<>();

    EventReads(String taskId) {
      this.taskId = taskId;
    }

    /** Per session: its tabs share one check. */
    Future<Optional<Viewer>> viewer(Subscriber subscriber) {
      return viewers.computeIfAbsent(subscriber.sessionSecret, secret -> sessions.viewer(subscriber.ctx, secret));
    }

    /** Per viewer: what they may read does not depend on which of their streams asks. */
    Future<JsonObject> task(Identity viewer) {
      return tasks.computeIfAbsent(viewer, who -> api.as(who).get("/deployment-tasks/:id", new JsonObject().put("id", taskId)));
    }

    Future<TaskRow> row(Identity viewer, JsonObject task) {
      return rows.computeIfAbsent(viewer, who -> new TaskRows(api.as(who)).row(task));
    }
  }

  /** One open stream; its deliveries run one after another, so rows arrive in the order of the events. */
  private static final class Subscriber {

    final String envId;
    final HistoryFilter filter;
    /** The request that opened the stream, and its session's secret: as its cookie, never sent anywhere else. */
    final RoutingContext ctx;
    final String sessionSecret;
    final HttpServerResponse response;
    final boolean showDeployment;
    private Future<Void> queue = Future.succeededFuture();

    Subscriber(String envId, HistoryFilter filter, RoutingContext ctx, String sessionSecret, HttpServerResponse response,
               boolean showDeployment) {
      this.envId = envId;
      this.filter = filter;
      this.ctx = ctx;
      this.sessionSecret = sessionSecret;
      this.response = response;
      this.showDeployment = showDeployment;
    }

    void enqueue(java.util.function.Supplier<Future<Void>> delivery) {
      queue = queue.transform(previous -> response.ended() ? Future.succeededFuture() : delivery.get().otherwiseEmpty());
    }

    void write(String text) {
      if (!response.ended() && !response.closed()) {
        response.write(text);
      }
    }

    void end() {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    }
  }
}
