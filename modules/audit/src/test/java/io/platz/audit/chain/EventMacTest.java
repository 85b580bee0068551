package io.platz.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventMacTest {

  private static final byte[] KEY = "a key of thirty-two bytes, or so".getBytes(StandardCharsets.US_ASCII);
  private static final UUID ID = UUID.randomUUID();
  private static final UUID ENV = UUID.randomUUID();
  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 6, 12, 0, 0, 123_456_000, ZoneOffset.UTC);

  /** PostgreSQL's jsonb keeps the value the writer sent, not its text: key order, spacing, 1.0 against 1. */
  @Test
  void dataIsCoveredAsAJsonValue() {
    JsonObject sent = new JsonObject().put("b", 1.0).put("a", new JsonObject().put("z", (Object) null).put("y", true))
        .put("c", new io.vertx.core.json.JsonArray().add(2).add("é\"x"));
    JsonObject readBack = new JsonObject("{\"a\": {\"y\": true, \"z\": null}, \"b\": 1, \"c\": [2.00, \"é\\\"x\"]}");

    assertThat(EventMac.canonical(sent)).isEqualTo(EventMac.canonical(readBack))
        .isEqualTo("{\"a\":{\"y\":true,\"z\":null},\"b\":1,\"c\":[2,\"é\\\"x\"]}");
    assertThat(EventMac.canonical(new JsonObject().put("at", Instant.EPOCH)))
        .as("what the writer sends for an Instant").isEqualTo("{\"at\":\"1970-01-01T00:00:00Z\"}");
  }

  @Test
  void everyFieldIsCoveredAndTheEnvOnlyWhenTheWriterNamedIt() {
    EventMac macs = new EventMac(KEY);
    byte[] mac = mac(macs, EventMac.ENV_NAMED, ENV, "user.updated", new JsonObject().put("is_admin", false));

    assertThat(mac).hasSize(33).startsWith(EventMac.ENV_NAMED);
    assertThat(mac(macs, EventMac.ENV_NAMED, ENV, "user.updated", new JsonObject().put("is_admin", false))).isEqualTo(mac);
    assertThat(mac(macs, EventMac.ENV_NAMED, ENV, "user.updated", new JsonObject().put("is_admin", true))).isNotEqualTo(mac);
    assertThat(mac(macs, EventMac.ENV_NAMED, ENV, "user.created", new JsonObject().put("is_admin", false))).isNotEqualTo(mac);
    assertThat(mac(macs, EventMac.ENV_NAMED, UUID.randomUUID(), "user.updated", new JsonObject().put("is_admin", false)))
        .isNotEqualTo(mac);
    assertThat(macs.of(EventMac.ENV_NAMED, ID, AT.plusNanos(1000), "user.updated", "User", ID, null, ENV, "User", ID,
        new JsonObject().put("is_admin", false))).as("backdated by a microsecond").isNotEqualTo(mac);
    assertThat(mac(new EventMac("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)), EventMac.ENV_NAMED,
        ENV, "user.updated", new JsonObject().put("is_admin", false))).isNotEqualTo(mac);

    byte[] ofChangedRow = mac(macs, EventMac.ENV_OF_CHANGED_ROW, ENV, "user.updated", new JsonObject().put("is_admin", false));
    assertThat(ofChangedRow).isNotEqualTo(mac)
        .isEqualTo(mac(macs, EventMac.ENV_OF_CHANGED_ROW, UUID.randomUUID(), "user.updated", new JsonObject().put("is_admin", false)));
  }

  private static byte[] mac(EventMac macs, byte envSource, UUID env, String type, JsonObject data) {
    return macs.of(envSource, ID, AT, type, "User", ID, null, env, "User", ID, data);
  }
}
