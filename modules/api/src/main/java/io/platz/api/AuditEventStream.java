package io.platz.api;

import io.platz.common.audit.AuditQuery;
import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Action;
import io.platz.common.permissions.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v2/audit-events/stream}: the events the caller may list at {@code GET /audit-events}, with the
 * same filters, as server-sent events ({@code id:} the seq, {@code event:} the type, {@code data:} the list's item).
 *
 * <p>Gap-free across the seam between the database and the bus: a stream keeps what the bus publishes in a buffer
 * while it reads the database page by page after the last seq it sent, then sends the buffered events above that
 * seq. An event missing from the buffer was numbered before the page that was being read began, so that page or a
 * later one holds it; a jump in the seqs the bus delivers (events numbered where this process did not hear of them)
 * or a full buffer sends the stream back to the database. A consumer that does not read is not buffered for: once
 * its connection's write queue is full, the stream drops what it holds and, when the consumer has read it all,
 * reads the database again from where it stopped.
 *
 * <p>It decides nothing itself: before each page and each batch of live events, and every {@link #RECHECK_MS}
 * while it is quiet, the token is verified again by the auth module and the read decided again by the permissions
 * module, so a dead credential ends the stream and a lost role narrows it. The list's page applies the scope in
 * SQL; live events are held to the same scope ({@link Scope#includesEnv}) and filters ({@link AuditQuery#matches}).
 *
 * <p>One instance per HTTP verticle instance, on its event loop: the bus delivers events to it on the thread that
 * serves its streams' requests.
 */
public final class AuditEventStream {

  public static final String PATH = "/audit-events/stream";
  public static final String LAST_EVENT_ID = "Last-Event-ID";
  /** Open streams a credential may hold, as a person may hold History pages in the console. */
  public static final int PER_CREDENTIAL = 5;
  static final long RETRY_MS = 3_000;
  /** Often enough that a dead credential ends a quiet stream within a second. */
  private static final long RECHECK_MS = 500;
  /** Events per read of the database: what a stream holds at most while it catches up, besides its buffer. */
  static final int PAGE = 100;
  /** Events a stream holds while it reads the database or asks for its permissions; past it, it reads the database. */
  static final int BUFFER = 1_000;

  private final Vertx vertx;
  private final Gateway gateway;
  private final TokenAuthentication tokens;
  private final OpenStreams open;
  private final long keepAliveMs;
  private final Set<Stream> streams = new HashSet<>();

  public AuditEventStream(Vertx vertx, Gateway gateway, TokenAuthentication tokens, OpenStreams open, Duration keepAlive) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.tokens = tokens;
    this.open = open;
    this.keepAliveMs = keepAlive.toMillis();
    // a copy: a stream may end, and leave the set, while it hears an event
    vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_EVENTS, message -> List.copyOf(streams).forEach(stream -> stream.heard(message.body())));
  }

  /** Behind token authentication: the caller was verified a moment ago. Refusals are JSON errors, before any event. */
  public void open(RoutingContext ctx) {
    Identity caller = Identity.fromJson(ctx.user().principal());
    AuditQuery query;
    Optional<Long> after;
    try {
      query = AuditQuery.from(Commands.params(ctx));
      after = resumeAfter(ctx, query);
    } catch (ApiError invalid) {
      ctx.fail(invalid);
      return;
    }
    gateway.scope(caller, Action.AUDIT_READ, query.filterParams())
        .onSuccess(scope -> start(ctx, caller, query, scope, after.orElse(null)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code Last-Event-ID} wins over {@code after_seq}: a browser's EventSource reconnects to the URL it was given,
   * {@code after_seq} and all, and names in the header the last event it received, which is where to go on.
   */
  private static Optional<Long> resumeAfter(RoutingContext ctx, AuditQuery query) {
    String lastEventId = ctx.request().getHeader(LAST_EVENT_ID);
    if (lastEventId == null || lastEventId.isBlank()) {
      return query.afterSeq();
    }
    return AuditQuery.afterSeq(Fields.query(new JsonObject().put(LAST_EVENT_ID, lastEventId.strip())), LAST_EVENT_ID);
  }

  private void start(RoutingContext ctx, Identity caller, AuditQuery query, Scope scope, Long after) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    String holder = caller.tokenId().toString();
    if (!open.open(holder)) {
      ctx.fail(new ApiError(429, "at most " + PER_CREDENTIAL + " audit event streams may be open per credential"));
      return;
    }
    Stream stream = new Stream(response, holder, TokenAuthentication.presentedToken(ctx.request()), query, scope, after);
    streams.add(stream);
    response.closeHandler(closed -> stream.over()).endHandler(ended -> stream.over());
    // a server shutting down waits for open requests: a stream that never ends would hold it for its whole timeout
    ctx.request().connection().shutdownHandler(shutdown -> stream.end("the server is shutting down"));
    ServerSentEvents.begin(response, RETRY_MS);
    stream.work();
  }

  /** One open stream. Its steps (a page of the database, a batch of live events, a check) run one at a time. */
  private final class Stream {

    private final HttpServerResponse response;
    private final String holder;
    private final String token;
    private final AuditQuery query;
    private Identity caller;
    private Scope scope;
    /** Every event up to this seq that the stream shows has been written; null on a live start until the first event. */
    private Long sent;
    /** The last seq the bus delivered: the next must be the one after it, or this process missed some. */
    private long heard;
    private final ArrayDeque<JsonObject> pending = new ArrayDeque<>();
    private boolean fromDatabase;
    private boolean stalled;
    private boolean recheckDue;
    private boolean working;
    private boolean over;
    private final long recheck;
    private final long keepAlive;

    Stream(HttpServerResponse response, String holder, String token, AuditQuery query, Scope scope, Long after) {
      this.response = response;
      this.holder = holder;
      this.token = token;
      this.query = query;
      this.scope = scope;
      this.sent = after;
      this.fromDatabase = after != null;
      recheck = vertx.setPeriodic(RECHECK_MS, tick -> {
        recheckDue = true;
        work();
      });
      keepAlive = vertx.setPeriodic(keepAliveMs, tick -> {
        if (!stalled) {
          response.write(ServerSentEvents.comment("keep-alive"));
        }
      });
    }

    void heard(JsonObject event) {
      long seq = event.getLong("seq");
      if (seq <= heard) {
        return;
      }
      boolean missed = heard > 0 && seq > heard + 1;
      heard = seq;
      if (sent == null) {
        sent = seq - 1;
      }
      if (stalled) {
        return;
      }
      if (missed || pending.size() >= BUFFER) {
        pending.clear();
        fromDatabase = true;
      } else {
        pending.add(event);
      }
      work();
    }

    void work() {
      if (working || over) {
        return;
      }
      Future<Void> step;
      if (stalled) {
        // a consumer that reads nothing still loses the stream when its credential dies
        step = recheckDue ? authorize() : null;
      } else if (fromDatabase) {
        step = readPage();
      } else if (!pending.isEmpty()) {
        step = deliverPending();
      } else {
        step = recheckDue ? authorize() : null;
      }
      if (step == null) {
        return;
      }
      working = true;
      step.onComplete(done -> {
        working = false;
        if (done.failed()) {
          end(Failures.classify(0, done.cause()).getMessage());
        } else {
          work();
        }
      });
    }

    /** The token verified and the read decided again, as for a request of its own. */
    private Future<Void> authorize() {
      recheckDue = false;
      return tokens.verify(token)
          .map(user -> Identity.fromJson(user.principal()))
          .compose(who -> gateway.scope(who, Action.AUDIT_READ, query.filterParams()).map(allowed -> {
            caller = who;
            scope = allowed;
            return null;
          }));
    }

    /**
     * A page of the list after the last seq sent. What the buffer held was numbered before this read began, so this
     * page or a later one has it: the buffer starts again.
     */
    private Future<Void> readPage() {
      pending.clear();
      fromDatabase = false;
      return authorize()
          .compose(allowed -> gateway.performJson(caller, Endpoints.AUDIT_STREAM.action(), Endpoints.AUDIT_STREAM.operation(),
              query.filterParams().put("after_seq", Long.toString(sent)).put("per_page", Integer.toString(PAGE)), new JsonObject()))
          .map(page -> {
            JsonArray items = page.getJsonArray("items");
            for (int i = 0; i < items.size() && !stalled; i++) {
              send(items.getJsonObject(i));
            }
            if (items.size() == PAGE) {
              fromDatabase = true;
            }
            return null;
          });
    }

    /** The events buffered before this step's check began, those past the last seq sent and visible to the caller. */
    private Future<Void> deliverPending() {
      int ready = pending.size();
      return authorize().map(allowed -> {
        for (int i = 0; i < ready && !fromDatabase && !stalled && !pending.isEmpty(); i++) {
          JsonObject event = pending.poll();
          long seq = event.getLong("seq");
          if (seq <= sent) {
            continue;
          }
          String env = event.getString("env_id");
          if (query.matches(event) && scope.includesEnv(env == null ? null : UUID.fromString(env))) {
            send(event);
          } else {
            sent = seq;
          }
        }
        return null;
      });
    }

    /** Once the connection's write queue is full, nothing more is held for it until the consumer has read it. */
    private void send(JsonObject event) {
      long seq = event.getLong("seq");
      sent = seq;
      response.write(ServerSentEvents.event(Long.toString(seq), event.getString("type"), event.encode()));
      if (response.writeQueueFull()) {
        stalled = true;
        pending.clear();
        response.drainHandler(drained -> {
          stalled = false;
          fromDatabase = true;
          work();
        });
      }
    }

    /** Ends the stream with a comment that says why and, when it makes sense to resume, from where. */
    void end(String why) {
      if (!over && !response.ended() && !response.closed()) {
        if (stalled) {
          response.reset();
        } else {
          String resume = sent == null ? "" : "; to go on, reconnect with " + LAST_EVENT_ID + ": " + sent;
          response.end(ServerSentEvents.comment("the stream ends: " + why + resume));
        }
      }
      over();
    }

    void over() {
      if (over) {
        return;
      }
      over = true;
      vertx.cancelTimer(recheck);
      vertx.cancelTimer(keepAlive);
      streams.remove(this);
      open.closed(holder);
    }
  }
}
