package io.platz.console.live;

import java.util.HashMap;
import java.util.Map;

/**
 * The History streams each person has open, counted across every HTTP verticle instance of the process: a person
 * may hold a few, so that nobody can make every event cost the server more and more reads.
 */
public final class OpenStreams {

  private final int perPerson;
  private final Map<String, Integer> open = new HashMap<>();

  public OpenStreams(int perPerson) {
    this.perPerson = perPerson;
  }

  /** Counts one more stream for {@code person}, unless they hold as many as they may. */
  synchronized boolean open(String person) {
    int held = open.getOrDefault(person, 0);
    if (held >= perPerson) {
      return false;
    }
    open.put(person, held + 1);
    return true;
  }

  synchronized void closed(String person) {
    open.computeIfPresent(person, (key, held) -> held == 1 ? null : held - 1);
  }
}
