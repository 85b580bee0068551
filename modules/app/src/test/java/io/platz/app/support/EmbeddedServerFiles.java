package io.platz.app.support;

import io.platz.persistence.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads what the embedded PostgreSQL of a data directory writes down: its pid, its port, its password. */
public final class EmbeddedServerFiles {

  private EmbeddedServerFiles() {
  }

  /** Settings to reach the embedded server of a running Platz directly, as an operator with the files would. */
  public static DatabaseSettings settings(Path dataDir) {
    List<String> pid = postmasterPid(dataDir);
    return new DatabaseSettings("localhost", Integer.parseInt(pid.get(3).trim()), "platz", "postgres",
        read(dataDir.resolve("postgres.password")).trim());
  }

  /** The postmaster's process id, or -1 when no server runs on this data directory. */
  public static long serverPid(Path dataDir) {
    if (!Files.exists(dataDir.resolve("postgres/postmaster.pid"))) {
      return -1;
    }
    return Long.parseLong(postmasterPid(dataDir).get(0).trim());
  }

  private static List<String> postmasterPid(Path dataDir) {
    return read(dataDir.resolve("postgres/postmaster.pid")).lines().toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
