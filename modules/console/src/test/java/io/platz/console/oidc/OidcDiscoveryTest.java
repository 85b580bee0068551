package io.platz.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.config.OidcConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery against a real provider on loopback, which is not there yet when Platz starts. */
class OidcDiscoveryTest {

  private final Vertx vertx = Vertx.vertx();
  private final MockOAuth2Server provider = new MockOAuth2Server();

  @AfterEach
  void stop() {
    vertx.close().await();
    provider.shutdown();
  }

  @Test
  void anIssuerThatComesUpLateIsDiscoveredByARetry() throws Exception {
    int port = freePort();
    // until the provider comes up, its address answers 503, as a proxy in front of it would
    Promise<Void> asked = Promise.promise();
    HttpServer unavailable = vertx.createHttpServer()
        .requestHandler(request -> {
          asked.tryComplete();
          request.response().setStatusCode(503).end();
        })
        .listen(port, "127.0.0.1").await();
    OidcConfig config = new OidcConfig("http://127.0.0.1:" + port + "/platz", "platz-web", "", "http://127.0.0.1:1",
        List.of());
    OidcDiscovery discovery = OidcDiscovery.start(vertx, config, Duration.ofMillis(20));
    asked.future().await();
    assertThat(discovery.provider()).isEmpty();

    unavailable.close().await();
    provider.start(InetAddress.getByName("127.0.0.1"), port);

    discovery.discovered().await(30, TimeUnit.SECONDS);
    assertThat(discovery.provider()).isPresent();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
