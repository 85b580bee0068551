package io.platz.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Directories the test run makes outside JUnit's {@code @TempDir} (a platform's data, the shared database server's),
 * gone when the test JVM exits: every run used to leave them behind in the system's temporary directory, some
 * 830 MB of it for the database server alone, until a machine that ran the suite often had no disk left.
 */
final class TempDirs {

  private static final List<Path> MADE = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(TempDirs::delete), "test-temp-dirs"));
  }

  private TempDirs() {
  }

  /** A new directory, deleted with everything in it when the JVM exits. */
  static Path create(String prefix) {
    Path dir = createKept(prefix);
    MADE.add(dir);
    return dir;
  }

  /** A new directory that its maker deletes ({@link #delete}), for one that must outlive something else first. */
  static Path createKept(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything in it, as far as it can: what is left is left in the temporary directory. */
  static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // already gone, or unreadable: nothing more to do at exit
    }
  }
}
