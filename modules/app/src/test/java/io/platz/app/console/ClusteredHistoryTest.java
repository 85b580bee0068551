package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Events;
import io.platz.app.support.Response;
import io.platz.app.support.TestCluster;
import io.platz.app.support.TestPlatform;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * History's live stream on a cluster: a task created on either instance appears on the History page of both,
 * since each instance's stream is fed by the audit events whichever instance publishes.
 */
class ClusteredHistoryTest {

  private static TestCluster cluster;
  private static ConsoleWorld world;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2);
    world = new ConsoleWorld(cluster.instance(0));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void historyOnEveryInstanceShowsTasksCreatedOnAny() throws Exception {
    String live = "/envs/" + world.prod + "/history/live";
    try (Events onA = signedIn(cluster.instance(0)).events(live);
         Events onB = signedIn(cluster.instance(1)).events(live)) {
      onA.until("retry:");
      onB.until("retry:");
      for (TestPlatform instance : cluster.instances()) {
        Response task = ConsoleWorld.restart(instance.api(), world.kim, world.api1);
        assertThat(task.status()).isEqualTo(201);
        String row = "task-" + task.json().getString("id");
        for (Events stream : List.of(onA, onB)) {
          assertThat(String.join("\n", stream.until("</tr>"))).contains("event: task").contains(row).contains("Kim Maintainer");
        }
      }
    }
  }

  /** Erin, who may see prod's tasks, signed in on this instance (sessions are kept by each instance). */
  private static ConsoleClient signedIn(TestPlatform instance) {
    ConsoleClient browser = new ConsoleClient(instance.platform().config().httpPort());
    assertThat(browser.signIn(world.erin).status()).isEqualTo(200);
    return browser;
  }
}
