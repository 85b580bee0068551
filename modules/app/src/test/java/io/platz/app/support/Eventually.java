package io.platz.app.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for state the system reaches on its own (another instance's cache, the audit pump, a clock): it reads
 * again until the state holds, then returns at once, and gives up only after a bound meant for CI's busy two cores,
 * not for a quiet laptop. The caller asserts on what was read last, so a failure shows what was seen instead.
 */
public final class Eventually {

  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private Eventually() {
  }

  public static <T> T read(Supplier<T> read, Predicate<T> holds) {
    return read(read, holds, PATIENCE);
  }

  public static <T> T read(Supplier<T> read, Predicate<T> holds, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    T value = read.get();
    while (!holds.test(value) && System.nanoTime() < deadline) {
      PlatzProcess.sleep(20);
      value = read.get();
    }
    return value;
  }
}
