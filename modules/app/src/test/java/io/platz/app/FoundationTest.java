package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.RawHttp;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.platz.common.Version;
import io.platz.common.bus.Health;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unauthenticated basics of contract §1 and the JSON error model, on an external database. */
class FoundationTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static Api api;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
  }


  @Test
  void statusAnswersOk() {
    Response status = api.get("/status");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body()).isEqualTo("ok");
  }

  @Test
  void readyWhenEveryModuleAnswersOnTheBus() {
    Response ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getJsonObject("checks").getMap())
        .containsOnlyKeys(Arrays.stream(Health.Component.values()).map(Health.Component::checkName).toArray(String[]::new))
        .allSatisfy((check, state) -> assertThat(state).isEqualTo("UP"));
  }

  @Test
  void serverNamesTheBuildVersion() {
    Response server = api.get("/api/v2/server");
    assertThat(server.status()).isEqualTo(200);
    assertThat(server.json().getString("version")).isEqualTo(Version.current()).isNotBlank();
  }

  @Test
  void openApiDocumentIsServedWithoutCredentials() {
    Response openApi = api.get("/api/v2/openapi.json");
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.header("content-type")).isEqualTo("application/json");
    assertThat(openApi.json().getString("openapi")).isEqualTo("3.0.3");
    assertThat(openApi.json().getJsonObject("paths").fieldNames()).contains("/openapi.json", "/server", "/auth/me", "/users");
  }

  /**
   * The JDK's HttpClient asks for an h2c upgrade on every new connection; the server declines and answers in
   * HTTP/1.1, whole. (Accepting it made large answers such as these hang or arrive garbled now and then.)
   */
  @Test
  void largeAnswersReachClientsThatAskForH2c() throws Exception {
    String base = "http://127.0.0.1:" + PLATZ.platz().platform().config().httpPort();
    String document = api.get("/api/v2/openapi.json").body();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> metrics = fresh(base + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      HttpResponse<String> openApi = fresh(base + "/api/v2/openapi.json");
      assertThat(openApi.statusCode()).isEqualTo(200);
      assertThat(openApi.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(openApi.body()).isEqualTo(document);
    }
  }

  /** A GET from a new JDK client, as HTTP/2-minded as it comes by default. */
  private static HttpResponse<String> fresh(String uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsArePrometheusTextWithJvmHttpAndPoolFigures() {
    api.get("/status");
    Response metrics = api.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("content-type")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains("vertx_http_server_requests_total")
        .contains("vertx_pool_in_use");
  }

  @Test
  void unknownRouteIsJson404() {
    for (String path : new String[] {"/nope", "/api/v2/nope", "/api/v3/server", "/api/v2/bots/x/y"}) {
      Response response = api.get(path, PLATZ.admin());
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.header("content-type")).isEqualTo("application/json");
      assertThat(response.json().getString("message")).isNotBlank();
    }
  }

  @Test
  void wrongMethodIsJson405NamingTheMethodsThePathHas() {
    assertMethodNotAllowed(api.raw("DELETE", "/status", null, null), "GET");
    assertMethodNotAllowed(api.raw("PATCH", "/api/v2/bots", PLATZ.admin(), "{}"), "GET, POST");
    assertMethodNotAllowed(api.raw("PATCH", "/api/v2/bots/" + UUID.randomUUID(), null, "{}"), "DELETE, GET, PUT");
    assertMethodNotAllowed(api.raw("POST", "/api/v2/server", null, "{}"), "GET");
    assertMethodNotAllowed(api.raw("DELETE", "/api/v2/openapi.json", PLATZ.admin(), null), "GET");
  }

  private static void assertMethodNotAllowed(Response response, String allow) {
    assertThat(response.status()).as(response.toString()).isEqualTo(405);
    assertThat(response.header("allow")).isEqualTo(allow);
    assertThat(response.json().getString("message")).contains("method");
  }

  @Test
  void malformedJsonIs400() {
    for (String body : new String[] {"{", "[]", "{\"display_name\": \"a\"} trailing", "{\"a\":1,\"a\":2}", "nul"}) {
      Response response = api.raw("POST", "/api/v2/bots", PLATZ.admin(), body);
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(response.json().getString("message")).isNotBlank();
    }
  }

  @Test
  void aPathWithAMalformedPercentEscapeIsA400InJson() {
    for (String path : new String[] {"/api/v2/bots/%zz", "/api/v2/bots/%2", "/status%", "/api/v2/users/%+1"}) {
      RawHttp.Answer answer = RawHttp.send(PLATZ.platz().platform().config().httpPort(),
          RawHttp.request("GET " + path + " HTTP/1.1\r\nhost: localhost\r\nx-platz-token: " + PLATZ.admin(), new byte[0]));
      assertThat(answer.status()).as(path).isEqualTo(400);
      assertThat(new JsonObject(answer.body()).getString("message")).as(path).isNotBlank();
    }
  }

  @Test
  void bodyOverOneMebibyteIs413() {
    String big = "\"" + "x".repeat(1024 * 1024) + "\"";
    Response response = api.send(api.request("/api/v2/server", null).POST(HttpRequest.BodyPublishers.ofString(big)));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().getString("message")).contains("1 MiB");
  }
}
