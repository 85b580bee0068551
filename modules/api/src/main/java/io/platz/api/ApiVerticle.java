package io.platz.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.platz.common.Version;
import io.platz.common.bus.Health;
import io.platz.common.bus.ModuleBus;
import io.platz.common.config.PlatzConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP verticle. It adapts HTTP to the event bus and decides nothing itself: who the caller is comes from
 * the auth module, what they may do from the permissions module, and every change from the module that owns it.
 */
public final class ApiVerticle extends VerticleBase {

  static final int BODY_LIMIT = 1024 * 1024;
  /** Where the API's paths begin. */
  static final String API = "/api/v2";

  private final PlatzConfig config;
  private final PrometheusMeterRegistry metrics;
  private final List<RouteContribution> contributions;
  private final FailedAuthentications failures;
  private final OpenStreams streams;
  private ModuleBus bus;
  private HttpServer server;

  /**
   * {@code failures} and {@code streams} are shared by every instance, so an address's tries and a credential's
   * audit event streams are counted once per process.
   */
  public ApiVerticle(PlatzConfig config, PrometheusMeterRegistry metrics, List<RouteContribution> contributions,
                     FailedAuthentications failures, OpenStreams streams) {
    this.config = config;
    this.metrics = metrics;
    this.contributions = contributions;
    this.failures = failures;
    this.streams = streams;
  }

  @Override
  public Future<?> start() {
    bus = new ModuleBus(vertx.eventBus());
    Router router = Router.router(vertx);
    router.route(API + "/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.DELETE).method(HttpMethod.PATCH)
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    TokenAuthentication tokens = new TokenAuthentication(bus, failures);
    routes(tokens).mount(router, API, tokens.handler());
    // a failure in the API is answered here, without walking the console's routes
    router.route(API + "/*").failureHandler(Failures::handle);
    contributions.forEach(contribution -> contribution.mount(vertx, router));
    router.route().failureHandler(Failures::handle);
    // 400: a path vertx-web cannot decode while it matches a route to it (the root table answers most of them)
    for (int status : List.of(400, 404, 405, 413)) {
      router.errorHandler(status, ctx -> Failures.handleStatus(ctx, status));
    }
    server = vertx.createHttpServer(serverOptions());
    return server.requestHandler(router).invalidRequestHandler(ApiVerticle::invalid).listen(config.httpPort(), config.httpHost());
  }

  /**
   * HTTP/1.1 only on this clear-text port. Vert.x's default also accepts an h2c upgrade, and then writes the first
   * answer's HTTP/2 frames right behind the 101: when that answer is large and ready at once ({@code /metrics},
   * {@code /api/v2/openapi.json}), the JDK's HttpClient, which asks for h2c on every new connection by default,
   * now and then hangs or reads garbled frames (JDK 17, Vert.x 5.0.8), and curl 7.88 gives up past 32 KiB.
   * Declined, the upgrade costs nothing: those clients carry on in HTTP/1.1.
   */
  static HttpServerOptions serverOptions() {
    return new HttpServerOptions().setHttp2ClearTextEnabled(false).setMaxHeaderSize(16 * 1024).setMaxInitialLineLength(8 * 1024);
  }

  /** Drains in-flight requests (up to the shutdown timeout) before the other verticles go. */
  @Override
  public Future<?> stop() {
    return server.shutdown(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The probes' paths, and the API's under {@link #API}: one table on the root router, no sub-router to walk. */
  private RouteTable routes(TokenAuthentication tokens) {
    Buffer openApi = OpenApiDocument.load();
    Gateway gateway = new Gateway(bus);
    Commands commands = new Commands(gateway);
    AuditEventStream auditStream = new AuditEventStream(vertx, gateway, tokens, streams, config.auditStreamKeepAlive());
    RouteTable routes = new RouteTable()
        .open(HttpMethod.GET, "/status", ctx -> ctx.response().putHeader("content-type", "text/plain").end("ok"))
        .open(HttpMethod.GET, "/ready", this::ready)
        .open(HttpMethod.GET, "/metrics", PrometheusScrapingHandler.create(metrics))
        .open(HttpMethod.GET, API + "/server", ctx -> ctx.json(new JsonObject().put("version", Version.current())))
        .open(HttpMethod.GET, API + OpenApiDocument.PATH, ctx -> ctx.response().putHeader("content-type", "application/json").end(openApi))
        .authenticated(HttpMethod.GET, API + "/auth/me", ctx -> Commands.respond(ctx, 200, TokenAuthentication.me(ctx)));
    for (Endpoint endpoint : Endpoints.ALL) {
      routes.authenticated(endpoint.method(), API + endpoint.path(), endpoint == Endpoints.AUDIT_STREAM ? auditStream::open
          : commands.handle(endpoint.action(), endpoint.operation(), endpoint.status()));
    }
    return routes;
  }

  /** A request the HTTP decoder could not even read: the same JSON error as everything else, then the connection closes. */
  private static void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String message = switch (status) {
      case 414 -> "the request line is too long";
      case 431 -> "the request headers are too large";
      default -> "the request is not valid HTTP";
    };
    request.response().setStatusCode(status).putHeader("content-type", "application/json").putHeader("connection", "close")
        .end(new JsonObject().put("message", message).encode());
  }

  /** Ready when every module verticle answers on the bus, which each does only if the database is current. */
  private void ready(RoutingContext ctx) {
    JsonObject checks = new JsonObject();
    List<Future<?>> answers = Arrays.stream(Health.Component.values())
        .<Future<?>>map(component -> bus.ask(new Health(component))
            .onSuccess(reply -> checks.put(component.checkName(), "UP"))
            .onFailure(failure -> checks.put(component.checkName(), Failures.classify(0, failure).getMessage())))
        .toList();
    Future.join(answers).onComplete(done -> {
      boolean ready = done.succeeded();
      JsonObject body = ready ? new JsonObject().put("status", "ready") : new JsonObject().put("message", "not ready");
      ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
          .putHeader("cache-control", "no-store")
          .end(body.put("checks", checks).encode());
    });
  }
}
