package io.platz.persistence.bus;

import io.platz.common.auth.AuthRequests.EvictSubject;
import io.platz.common.bus.ModuleBus;
import io.platz.persistence.Tx;
import java.util.UUID;

/**
 * For a module whose change kills credentials by a database trigger (which also tells other processes through
 * NOTIFY): has this process's auth module drop them from its cache before the change is answered.
 */
public final class LocalCredentialEvictions {

  private LocalCredentialEvictions() {
  }

  /** Once {@code tx} commits, every cached credential of {@code subject} and those it minted. */
  public static void afterCommit(Tx tx, ModuleBus bus, UUID subject) {
    // should no auth verticle run in this process, the trigger's NOTIFY still reaches the caches wherever they are
    tx.afterCommit(() -> bus.ask(new EvictSubject(subject)).otherwiseEmpty());
  }
}
