package io.platz.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.console.ConsoleClient.Events;
import io.platz.app.support.SharedPlatform;
import io.platz.common.deployments.DeploymentsRequests.DeploymentsCommand;
import io.platz.common.deployments.DeploymentsRequests.DeploymentsOperation;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a console user can make History's live streams cost: a stream only for an env they see, a few streams at
 * once, and one read of a new task per viewer however many of their streams show it. One HTTP verticle instance,
 * so that every stream is on the same one and reads can be counted exactly.
 */
class HistoryStreamLimitsTest {

  private static final AtomicInteger TASK_READS = new AtomicInteger();

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform(Map.of("PLATZ_HTTP_INSTANCES", "1"),
      vertx -> vertx.eventBus().addOutboundInterceptor(delivery -> {
        if (delivery.message().body() instanceof DeploymentsCommand command && command.operation() == DeploymentsOperation.TASKS_GET) {
          TASK_READS.incrementAndGet();
        }
        delivery.next();
      }));
  private static ConsoleWorld world;

  @BeforeAll
  static void world() {
    world = new ConsoleWorld(PLATZ.platz());
  }

  private static String live(String env) {
    return "/envs/" + env + "/history/live";
  }

  @Test
  void aStreamOpensOnlyForAnEnvTheViewerSees() {
    ConsoleClient olga = world.signedIn(world.olga);
    ConsoleClient kim = world.signedIn(world.kim);
    for (String env : List.of(world.prod, world.staging, UUID.randomUUID().toString(), "not-an-env")) {
      try (Events refused = olga.events(live(env))) {
        assertThat(refused.status()).as(env).isEqualTo(404);
      }
    }
    try (Events refused = kim.events(live(world.staging)); Events opened = kim.events(live(world.prod))) {
      assertThat(refused.status()).isEqualTo(404);
      assertThat(opened.status()).isEqualTo(200);
    }
  }

  @Test
  void aPersonHoldsAFewStreamsAndTheNextIsRefused() throws Exception {
    ConsoleClient erinsLaptop = world.signedIn(world.erin);
    ConsoleClient erinsPhone = world.signedIn(world.erin);
    List<Events> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        open.add((i % 2 == 0 ? erinsLaptop : erinsPhone).events(live(world.prod)));
        assertThat(open.get(i).status()).isEqualTo(200);
      }
      try (Events sixth = erinsPhone.events(live(world.prod) + "?status=Failed")) {
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(String.join("\n", sixth.until("</html>"))).contains("At most 5 History pages of yours");
      }
      try (Events adams = world.signedIn(world.adam).events(live(world.prod))) {
        assertThat(adams.status()).as("another person's").isEqualTo(200);
      }

      open.remove(0).close();
      Events reopened = erinsLaptop.events(live(world.prod));
      // the server learns that a stream was closed when its connection closes, a moment after the client's close
      for (long deadline = System.currentTimeMillis() + 10_000; reopened.status() == 429 && System.currentTimeMillis() < deadline; ) {
        reopened.close();
        reopened = erinsLaptop.events(live(world.prod));
      }
      open.add(reopened);
      assertThat(reopened.status()).as("a closed stream gives its place back").isEqualTo(200);
    } finally {
      open.forEach(Events::close);
    }
  }

  @Test
  void aNewTaskIsReadOncePerViewerHoweverManyOfTheirStreamsShowIt() throws Exception {
    List<Events> streams = new ArrayList<>();
    try {
      for (String name : List.of("Tess Tabs", "Uma Other")) {
        String id = world.fixtures.user(name);
        world.envRole(world.prod, "user_id", id, "User");
        ConsoleClient browser = world.signedIn(world.fixtures.userToken(id));
        int tabs = name.startsWith("Tess") ? 5 : 1;
        for (int i = 0; i < tabs; i++) {
          Events stream = browser.events(live(world.prod) + (i == 4 ? "?acting_user_id=" + world.kimId : ""));
          assertThat(stream.status()).isEqualTo(200);
          stream.until("retry:");
          streams.add(stream);
        }
      }
      TASK_READS.set(0);
      String taskId = world.restart(world.admin, world.api1).json().getString("id");
      for (Events stream : streams.subList(0, 4)) {
        assertThat(String.join("\n", stream.until("</tr>"))).contains("task-" + taskId);
      }
      assertThat(String.join("\n", streams.get(5).until("</tr>"))).contains("task-" + taskId);
      assertThat(TASK_READS.get()).as("reads of the task: one per viewer").isEqualTo(2);

      world.api.put("/api/v2/deployment-tasks/" + taskId, world.admin, new JsonObject().put("status", "Started"));
      assertThat(String.join("\n", streams.get(4).until("event: gone"))).as("filtered out, as before")
          .doesNotContain("<tr");
    } finally {
      streams.forEach(Events::close);
    }
  }
}
