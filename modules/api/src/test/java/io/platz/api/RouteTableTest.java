package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.error.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table that routes the API, through a real server: on the root router as the API's is, behind an
 * authentication handler that lets a request by only with {@code x-pass}, with a route after it as the console's
 * routes come after the API's.
 */
class RouteTableTest {

  private static Vertx vertx;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Router root = Router.router(vertx);
    new RouteTable()
        .open(HttpMethod.GET, "/status", echo("status"))
        .open(HttpMethod.GET, "/files/:name", echo("file"))
        .authenticated(HttpMethod.GET, "/api/things/:id", echo("thing"))
        .authenticated(HttpMethod.DELETE, "/api/things/:id", echo("deleted"))
        .authenticated(HttpMethod.GET, "/api/things/mine", echo("mine"))
        .authenticated(HttpMethod.GET, "/api/things/:id/parts/:part", echo("part"))
        .open(HttpMethod.GET, "/api/public", echo("public"))
        .mount(root, "/api", ctx -> {
          if (ctx.request().getHeader("x-pass") == null) {
            Failures.respond(ctx, ApiError.unauthorized());
          } else {
            ctx.next();
          }
        });
    root.route("/api/*").handler(ctx -> ctx.json(new JsonObject().put("handler", "after the table")));
    root.route().failureHandler(Failures::handle);
    root.errorHandler(404, ctx -> Failures.handleStatus(ctx, 404));
    port = vertx.createHttpServer().requestHandler(root).listen(0).await().actualPort();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** Answers which handler ran and the path parameters it was given. */
  private static Handler<RoutingContext> echo(String name) {
    return ctx -> ctx.json(new JsonObject().put("handler", name).put("params", new JsonObject(Map.copyOf(ctx.pathParams()))));
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, boolean pass) {
    var request = client.request(method, port, "127.0.0.1", path);
    if (pass) {
      request.putHeader("x-pass", "yes");
    }
    return request.send().await();
  }

  @Test
  void aLiteralSegmentWinsOverAParameterAddedBeforeIt() {
    assertThat(send(HttpMethod.GET, "/api/things/mine", true).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("handler", "mine").put("params", new JsonObject()));
    assertThat(send(HttpMethod.GET, "/api/things/other", true).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("handler", "thing").put("params", new JsonObject().put("id", "other")));
  }

  @Test
  void aMethodOnlyTheParameterTemplateHasGoesToIt() {
    assertThat(send(HttpMethod.DELETE, "/api/things/mine", true).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("handler", "deleted").put("params", new JsonObject().put("id", "mine")));
    HttpResponse<Buffer> neither = send(HttpMethod.PUT, "/api/things/mine", true);
    assertThat(neither.statusCode()).isEqualTo(405);
    assertThat(neither.getHeader("allow")).isEqualTo("DELETE, GET");
  }

  @Test
  void anEscapeTheDecoderRefusesIsA400() {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/files/%+1", false);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("the path has a malformed percent escape");
  }

  @Test
  void parametersAreThoseOfTheTemplateAloneDecodedAsVertxDecodesThem() {
    JsonObject params = send(HttpMethod.GET, "/api/things/a%20b+c/parts/%C3%A9/", true).bodyAsJsonObject().getJsonObject("params");
    assertThat(params).isEqualTo(new JsonObject().put("id", "a b+c").put("part", "é"));
  }

  @Test
  void aMethodThePathDoesNotHaveIs405NamingTheOnesItHasBeforeAuthentication() {
    HttpResponse<Buffer> response = send(HttpMethod.PUT, "/api/things/1", false);
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.getHeader("allow")).isEqualTo("DELETE, GET");
    assertThat(send(HttpMethod.POST, "/status", false).getHeader("allow")).isEqualTo("GET");
  }

  @Test
  void anOpenHandlerRunsWithoutAuthenticationAndAnAuthenticatedOneOnlyAfterIt() {
    assertThat(send(HttpMethod.GET, "/api/public", false).statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/api/things/1", false).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.DELETE, "/api/things/1", true).bodyAsJsonObject().getString("handler")).isEqualTo("deleted");
  }

  @Test
  void aPathNotInTheTableUnderItsBaseNeedsACredentialThenGoesOnAndOneElsewhereGoesOnAtOnce() {
    assertThat(send(HttpMethod.GET, "/api/things", false).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.GET, "/api", false).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.GET, "/api/things", true).bodyAsJsonObject().getString("handler")).isEqualTo("after the table");
    assertThat(send(HttpMethod.GET, "/api/things/1/parts//", true).bodyAsJsonObject().getString("handler")).isEqualTo("after the table");
    assertThat(send(HttpMethod.GET, "/apis", false).statusCode()).isEqualTo(404);
    assertThat(send(HttpMethod.GET, "/elsewhere", false).statusCode()).isEqualTo(404);
  }
}
