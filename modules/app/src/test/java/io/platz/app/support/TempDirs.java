package io.platz.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

  /** Deletes {@code dir} and everything in it that it can: a file it cannot delete does not stop the rest. */
  static void delete(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          file.toFile().delete();
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) {
          directory.toFile().delete();
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // the visitor goes on past every failure; nothing more to do at exit
    }
  }
}
