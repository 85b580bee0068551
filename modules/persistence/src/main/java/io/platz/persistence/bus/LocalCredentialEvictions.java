package io.platz.persistence.bus;

import io.platz.common.bus.Addresses;
import io.platz.common.bus.SameLoop;
import io.platz.persistence.Tx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * For a module whose change kills credentials by a database trigger (which also tells other processes through
 * NOTIFY): has this process's auth module drop them from its cache before the change is answered.
 */
public final class LocalCredentialEvictions {

  private LocalCredentialEvictions() {
  }

  /** Once {@code tx} commits, every cached credential of {@code subject} and those it minted. */
  public static void afterCommit(Tx tx, EventBus bus, UUID subject) {
    // should no auth verticle run in this process, the trigger's NOTIFY still reaches the caches wherever they are
    tx.afterCommit(() -> bus.request(Addresses.Auth.EVICT_SUBJECT, new JsonObject().put("subject_id", subject.toString()), SameLoop.LOCAL)
        .otherwiseEmpty());
  }
}
