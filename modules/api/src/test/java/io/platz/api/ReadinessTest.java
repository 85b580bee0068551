package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platz.common.bus.Addresses;
import io.platz.common.config.ConfigLoader;
import io.platz.common.config.PlatzConfig;
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
    for (String address : Addresses.HEALTH_CHECKS) {
      if (!address.equals(Addresses.Audit.HEALTH)) {
        vertx.eventBus().consumer(address, message -> message.reply(new JsonObject().put("status", "UP")));
      }
    }
    WebClient client = WebClient.create(vertx);
    vertx.deployVerticle(new ApiVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), new FailedAuthentications(60), new OpenStreams(AuditEventStream.PER_CREDENTIAL)))
        .compose(id -> client.get(config.httpPort(), "127.0.0.1", "/ready").send())
        .compose(notReady -> {
          test.verify(() -> {
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonObject checks = notReady.bodyAsJsonObject().getJsonObject("checks");
            assertThat(checks.getString(Addresses.Audit.HEALTH)).contains("unavailable");
            assertThat(checks.getString(Addresses.Auth.HEALTH)).isEqualTo("UP");
          });
          vertx.eventBus().consumer(Addresses.Audit.HEALTH, message -> message.reply(new JsonObject()));
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
    for (String address : Addresses.HEALTH_CHECKS) {
      vertx.eventBus().consumer(address, message -> message.fail(503, "the database is unreachable"));
    }
    vertx.deployVerticle(new ApiVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), new FailedAuthentications(60), new OpenStreams(AuditEventStream.PER_CREDENTIAL)))
        .compose(id -> WebClient.create(vertx).get(config.httpPort(), "127.0.0.1", "/ready").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.bodyAsJsonObject().getJsonObject("checks").getString(Addresses.Auth.HEALTH))
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
