package io.platz.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.app.support.AuditConsumer;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.SharedCluster;
import io.platz.app.support.TestCluster;
import io.platz.common.auth.AuthRequests.AuthCommand;
import io.platz.common.auth.AuthRequests.VerifyToken;
import io.platz.common.bus.ModuleBus;
import io.platz.common.deployments.DeploymentsRequests.LocateDeployment;
import io.platz.common.permissions.PermissionsRequests.Decide;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two clustered instances and a member that is not Platz: what crosses the cluster, and what stays in a process. */
class ClusteringTest {

  @RegisterExtension
  static final SharedCluster CLUSTER = new SharedCluster(2);

  private static TestCluster cluster;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() {
    cluster = CLUSTER.cluster();
    fixtures = CLUSTER.fixtures();
  }

  @Test
  void aProgramWithoutPlatzReceivesTheAuditEventsEveryInstancePublishes() {
    AuditConsumer outsider = new AuditConsumer();
    outsider.subscribe(cluster.joinPlain());

    String fromA = fixtures.bot("made on A");
    String fromB = cluster.instance(1).api().post("/api/v2/envs", fixtures.adminToken(), new JsonObject().put("name", "made-on-b"))
        .json().getString("id");

    List<String> entities = Eventually.read(() -> outsider.received().stream().map(event -> event.getString("subject_id")).toList(),
        seen -> seen.containsAll(List.of(fromA, fromB)));
    assertThat(entities).contains(fromA, fromB);
  }

  @Test
  void aMemberOfTheClusterReachesNoModuleAddress() {
    Vertx outsider = cluster.joinPlain();
    for (String address : List.of(ModuleBus.address(VerifyToken.class), ModuleBus.address(Decide.class),
        ModuleBus.address(LocateDeployment.class), ModuleBus.address(AuthCommand.class))) {
      assertThatThrownBy(() -> outsider.eventBus().request(address, new JsonObject(), new DeliveryOptions().setSendTimeout(5_000))
          .await(10, TimeUnit.SECONDS))
          .as(address)
          .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
    }
  }

  @Test
  void aTokenMadeOnOneInstanceWorksOnTheOther() {
    String bot = fixtures.bot("anywhere");
    String token = fixtures.botToken(bot);
    assertThat(cluster.instance(1).api().get("/api/v2/auth/me", token).status()).isEqualTo(200);
  }
}
