package io.platz.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.app.support.AuditConsumer;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.TestCertificates;
import io.platz.app.support.TestCluster;
import io.platz.common.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event bus with mutual TLS: only a member whose certificate the cluster's CA signed exchanges messages with
 * Platz. Hazelcast's own membership is not encrypted, so every outsider here still joins the cluster and learns its
 * addresses; what TLS refuses is the event bus connection, both ways.
 */
class ClusterTlsTest {

  @TempDir
  static Path dir;

  private static TestCluster cluster;
  private static Fixtures fixtures;
  private static TestCertificates authority;

  @BeforeAll
  static void start() {
    authority = TestCertificates.authority(dir, "platz-cluster-ca");
    Path[] platz = authority.member("platz");
    cluster = TestCluster.start(2, Map.of("PLATZ_CLUSTER_TLS_CERT", platz[0].toString(), "PLATZ_CLUSTER_TLS_KEY",
        platz[1].toString(), "PLATZ_CLUSTER_TLS_CA", authority.certificateFile().toString()));
    fixtures = new Fixtures(cluster.instance(0));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void onlyAMemberWithACertificateOfTheClustersAuthorityReceivesAuditEventsAndReachesPlatz() throws Exception {
    TestCertificates stranger = TestCertificates.authority(dir, "another-ca");
    Vertx trusted = cluster.joinPlain(tls(authority.member("consumer"), authority.certificateFile()));
    Vertx untrusted = cluster.joinPlain(tls(stranger.member("intruder"), stranger.certificateFile()));
    Vertx plain = cluster.joinPlain();
    AuditConsumer fromTrusted = subscribed(trusted);
    AuditConsumer fromUntrusted = subscribed(untrusted);
    AuditConsumer fromPlain = subscribed(plain);

    String bot = fixtures.bot("seen by the trusted member only");

    assertThat(Eventually.read(() -> subjects(fromTrusted), seen -> seen.contains(bot))).contains(bot);
    assertThat(subjects(fromUntrusted)).isEmpty();
    assertThat(subjects(fromPlain)).isEmpty();

    String barrier = Addresses.clusterBarrierOf(((VertxInternal) cluster.instance(1).platform().vertx()).clusterManager().getNodeId());
    DeliveryOptions briefly = new DeliveryOptions().setSendTimeout(3_000);
    trusted.eventBus().request(barrier, null, briefly).await(10, TimeUnit.SECONDS);
    for (Vertx outsider : List.of(untrusted, plain)) {
      assertThatThrownBy(() -> outsider.eventBus().request(barrier, null, briefly).await(10, TimeUnit.SECONDS))
          .as("a request from a member without the cluster's certificate").isNotNull();
    }
  }

  @Test
  void theInstancesStillConfirmEachOthersEvictionsOverTls() {
    String bot = fixtures.bot("revoked across TLS");
    String token = fixtures.botToken(bot);
    assertThat(cluster.instance(1).api().get("/api/v2/auth/me", token).status()).isEqualTo(200);
    String tokenId = cluster.instance(0).api().get("/api/v2/bot-tokens?bot_id=" + bot, fixtures.adminToken()).items()
        .getJsonObject(0).getString("id");

    assertThat(cluster.instance(0).api().delete("/api/v2/bot-tokens/" + tokenId, fixtures.adminToken()).status()).isEqualTo(204);

    assertThat(cluster.instance(1).api().get("/api/v2/auth/me", token).status()).isEqualTo(401);
  }

  private static EventBusOptions tls(Path[] member, Path certificateAuthority) {
    return new EventBusOptions().setSsl(true).setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(member[0].toString()).setKeyPath(member[1].toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(certificateAuthority.toString()));
  }

  private static AuditConsumer subscribed(Vertx vertx) {
    AuditConsumer consumer = new AuditConsumer();
    consumer.subscribe(vertx);
    return consumer;
  }

  private static List<String> subjects(AuditConsumer consumer) {
    return consumer.received().stream().map(event -> event.getString("subject_id")).toList();
  }
}
