package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platz.common.bus.Health.Component;
import io.platz.common.bus.ModuleBus;
import io.platz.common.config.ConfigLoader;
import io.platz.common.config.PlatzConfig;
import io.platz.common.error.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /ready} asks every module over the event bus; one silent module makes the whole process not ready. */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

  @Test
  void notReadyWhileAModuleDoesNotAnswer(Vertx vertx, VertxTestContext test) throws IOException {
    PlatzConfig config = ConfigLoader.load(Map.of()).withHttpPort(freePort());
    ModuleBus.install(vertx);
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    for (Component component : Component.values()) {
      if (component != Component.AUDIT) {
        bus.serve(component, health -> Future.succeededFuture(new JsonObject().put("status", "UP")));
      }
    }
    WebClient client = WebClient.create(vertx);
    vertx.deployVerticle(new ApiVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), new FailedAuthentications(60), new OpenStreams(AuditEventStream.PER_CREDENTIAL)))
        .compose(id -> client.get(config.httpPort(), "127.0.0.1", "/ready").send())
        .compose(notReady -> {
          test.verify(() -> {
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonObject checks = notReady.bodyAsJsonObject().getJsonObject("checks");
            assertThat(checks.getString("platz.audit.health")).contains("unavailable");
            assertThat(checks.getString("platz.auth.health")).isEqualTo("UP");
          });
          bus.serve(Component.AUDIT, health -> Future.succeededFuture(new JsonObject()));
          return client.get(config.httpPort(), "127.0.0.1", "/ready").send();
        })
        .onComplete(test.succeeding(ready -> test.verify(() -> {
          assertThat(ready.statusCode()).isEqualTo(200);
          test.completeNow();
        })));
  }

  @Test
  void aFailingModuleNamesItsReason(Vertx vertx, VertxTestContext test) throws IOException {
    PlatzConfig config = ConfigLoader.load(Map.of()).withHttpPort(freePort());
    ModuleBus.install(vertx);
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    for (Component component : Component.values()) {
      bus.serve(component, health -> Future.failedFuture(ApiError.unavailable("the database is unreachable")));
    }
    vertx.deployVerticle(new ApiVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), new FailedAuthentications(60), new OpenStreams(AuditEventStream.PER_CREDENTIAL)))
        .compose(id -> WebClient.create(vertx).get(config.httpPort(), "127.0.0.1", "/ready").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.bodyAsJsonObject().getJsonObject("checks").getString("platz.auth.health"))
              .isEqualTo("the database is unreachable");
          test.completeNow();
        })));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
