package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.SharedPlatform;
import io.platz.common.auth.AuthRequests.VerifyToken;
import io.platz.common.bus.ModuleBus;
import io.platz.common.deployments.DeploymentsRequests.DeploymentsCommand;
import io.platz.common.permissions.PermissionsRequests.Decide;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot path's requests (verify a token, decide, the deployments module's reads and task creation) find their
 * consumer on the HTTP request's own event loop, on every loop of a started server.
 */
class SameLoopPlacementTest {

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform();

  private static final List<String> HOT = List.of(ModuleBus.address(VerifyToken.class), ModuleBus.address(Decide.class),
      ModuleBus.address(DeploymentsCommand.class));

  @Test
  void everyEventLoopHostsAConsumerOfEachHotAddress() throws Exception {
    Vertx vertx = PLATZ.platz().platform().vertx();
    int loops = PLATZ.platz().platform().config().effectiveHttpInstances();
    Map<String, List<String>> chosen = new ConcurrentHashMap<>();
    // as many probes as loops: deployed like the HTTP verticle, one lands on each loop
    String probes = vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        chosen.put(Thread.currentThread().getName(), HOT.stream().map(ModuleBus::fromHere).toList());
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(loops)).await(10, TimeUnit.SECONDS);
    vertx.undeploy(probes).await(10, TimeUnit.SECONDS);

    assertThat(chosen).hasSize(loops);
    chosen.forEach((loop, addresses) -> {
      for (int i = 0; i < HOT.size(); i++) {
        assertThat(addresses.get(i)).as("%s on %s", HOT.get(i), loop).startsWith(HOT.get(i) + "@local-");
      }
    });
  }
}
