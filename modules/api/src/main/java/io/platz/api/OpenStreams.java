package io.platz.api;

import java.util.HashMap;
import java.util.Map;

/**
 * The event streams each holder (a person, a credential) has open, counted across every HTTP verticle instance of
 * the process: a holder may have a few, so that nobody can make every event cost the server more and more work.
 * The console's History pages count per person, the audit stream per credential.
 */
public final class OpenStreams {

  private final int perHolder;
  private final Map<String, Integer> open = new HashMap<>();

  public OpenStreams(int perHolder) {
    this.perHolder = perHolder;
  }

  /** Counts one more stream for {@code holder}, unless they hold as many as they may. */
  public synchronized boolean open(String holder) {
    int held = open.getOrDefault(holder, 0);
    if (held >= perHolder) {
      return false;
    }
    open.put(holder, held + 1);
    return true;
  }

  public synchronized void closed(String holder) {
    open.computeIfPresent(holder, (key, held) -> held == 1 ? null : held - 1);
  }
}
