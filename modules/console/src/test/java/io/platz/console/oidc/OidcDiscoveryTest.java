package io.platz.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.common.config.OidcConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.BindException;
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
  private MockOAuth2Server provider;

  @AfterEach
  void stop() {
    vertx.close().await();
    if (provider != null) {
      provider.shutdown();
    }
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
    provider = providerOn(port);

    discovery.discovered().await(30, TimeUnit.SECONDS);
    assertThat(discovery.provider()).isPresent();
  }

  /**
   * The provider on the port the stand-in has just closed. A fresh clone's CI once found that port still bound at
   * this moment ("Address already in use"), so binding is tried again, with a new server each time (a server that
   * failed to start cannot start again), for as long as a slow machine could need.
   */
  private static MockOAuth2Server providerOn(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      MockOAuth2Server server = new MockOAuth2Server();
      try {
        server.start(InetAddress.getByName("127.0.0.1"), port);
        return server;
      } catch (Exception failure) {
        server.shutdown();
        if (!(failure instanceof BindException) || System.nanoTime() > deadline) {
          throw failure;
        }
        Thread.sleep(50);
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
