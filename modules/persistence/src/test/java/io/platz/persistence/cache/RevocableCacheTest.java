package io.platz.persistence.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RevocableCacheTest {

  private final RevocableCache<Key, String> cache = new RevocableCache<>(100);

  @Test
  void aLoadThatRacedAnEvictionIsNotKept() {
    Key key = new Key();
    long before = cache.generation();
    cache.evict(List.of(key));
    cache.put(key, "stale", before);
    assertThat(cache.get(key)).isNull();
  }

  /**
   * An eviction runs on another thread while a lookup's result is being stored (the cache hashes the key in the
   * middle of its store, and the key lets the test in there). Whenever the eviction has returned, the stale value
   * must not be readable, neither during the store nor after it.
   */
  @Test
  void aStoreThatOverlapsAnEvictionIsNeverReadableOnceTheEvictionHasReturned() throws InterruptedException {
    Key key = new Key();
    long before = cache.generation();
    List<String> readAfterEviction = new ArrayList<>();
    AtomicBoolean evicted = new AtomicBoolean();
    Thread eviction = new Thread(() -> {
      cache.evict(List.of(key));
      evicted.set(true);
    });
    key.whileStoring = () -> {
      if (eviction.getState() == Thread.State.NEW) {
        eviction.start();
        awaitReturnedOrParked(eviction);
      } else if (evicted.get()) {
        readAfterEviction.add(cache.get(key));
      }
    };

    key.storingThread = Thread.currentThread();
    cache.put(key, "stale", before);
    key.storingThread = null;
    eviction.join();

    assertThat(evicted).as("the store reached the cache's map").isTrue();
    assertThat(readAfterEviction).as("read while the store was still under way").doesNotContain("stale");
    assertThat(cache.get(key)).isNull();
  }

  /** The evicting thread has either finished or waits for the store to finish; no sleeping. */
  private static void awaitReturnedOrParked(Thread thread) {
    Set<Thread.State> settled = Set.of(Thread.State.TERMINATED, Thread.State.WAITING);
    while (!settled.contains(thread.getState())) {
      Thread.onSpinWait();
    }
  }

  /** A key whose hash, asked for by the cache on the storing thread, runs {@code whileStoring} once per ask. */
  private static final class Key {
    volatile Thread storingThread;
    Runnable whileStoring = () -> { };
    private boolean inside;

    @Override
    public int hashCode() {
      if (Thread.currentThread() == storingThread && !inside) {
        inside = true;
        try {
          whileStoring.run();
        } finally {
          inside = false;
        }
      }
      return 42;
    }
  }
}
