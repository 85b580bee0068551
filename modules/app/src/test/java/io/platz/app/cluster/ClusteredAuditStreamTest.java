package io.platz.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.EventStream.Message;
import io.platz.app.support.EventStream;
import io.platz.app.support.Fixtures;
import io.platz.app.support.SharedCluster;
import io.platz.app.support.TestCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit event stream on a cluster: a stream open on one instance gets, live, the events written through
 * another. Unclustered, it would not: its instance publishes nothing it did not number, and writes nothing here.
 */
class ClusteredAuditStreamTest {

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
  void aStreamOnOneInstanceGetsEventsWrittenThroughAnother() {
    long settled = AuditTrailProbe.settledSeq(cluster.database());
    // after the last event there is: nothing to catch up, so what comes next comes live
    try (EventStream onB = EventStream.open(cluster.instance(1).api(),
        "/api/v2/audit-events/stream?after_seq=" + settled, fixtures.adminToken())) {
      assertThat(onB.status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        String bot = fixtures.bot("made on A, " + i);
        Message event = onB.nextEvent();
        assertThat(event.event()).isEqualTo("bot.created");
        assertThat(new JsonObject(event.data()).getString("subject_id")).isEqualTo(bot);
        assertThat(event.seq()).isEqualTo(settled + i + 1);
      }
    }
  }
}
