package io.platz.audit.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The head of the audit chain as a pump numbered it: its seq and hash (hex), when, and a MAC (hex) of the three
 * under a key derived from the server key. Each pump writes its latest to a file outside the database and then
 * publishes it at {@link #ADDRESS}; {@code platz audit verify} checks the database's chain against the file.
 */
public record AuditCheckpoint(long seq, String hash, Instant at, String mac) {

  public static final String ADDRESS = "platz.audit.checkpoints";

  public JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("hash", hash).put("at", at.toString()).put("mac", mac);
  }

  public static AuditCheckpoint fromJson(JsonObject json) {
    return new AuditCheckpoint(json.getLong("seq"), json.getString("hash"), Instant.parse(json.getString("at")),
        json.getString("mac"));
  }
}
