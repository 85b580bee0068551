package io.platz.persistence;

import io.platz.common.StartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL 15 server from Maven Central (zonky's binaries), whose data live in
 * {@code <data dir>/postgres} and survive restarts.
 *
 * <p>Three things differ from the library's test-oriented defaults. It is durable: fsync, synchronous commit
 * and full-page writes are on, so a committed change survives {@code kill -9} of everything. It is not open to
 * every local user: the superuser gets a random password kept in {@code <data dir>/postgres.password} (owner
 * only) and {@code pg_hba.conf} asks for it. And it survives its owner's crash: PostgreSQL runs in its own
 * process group, so a killed Platz leaves it running; the next start stops that orphan cleanly before it
 * starts its own. A live Platz holding the data directory is refused, by {@link DataDirectoryLock}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "platz";
  private static final String SUPERUSER = "postgres";
  private static final String PG_HBA = """
      # written by Platz: only password logins over loopback
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  private final DataDirectoryLock lock;
  private final EmbeddedPostgres postgres;
  private final DatabaseSettings settings;
  private final Optional<ProcessHandle> server;

  private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres, DatabaseSettings settings,
                           Optional<ProcessHandle> server) {
    this.lock = lock;
    this.postgres = postgres;
    this.settings = settings;
    this.server = server;
  }

  /** Blocking: takes a few seconds (the first time also initdb). Call it off the event loop. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, 0);
  }

  /** On a given port (0: any free one), for a server that must come back where its clients expect it. */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
    try {
      Path pgData = dataDir.resolve("postgres");
      stopOrphanedServer(pgData);
      String password = password(dataDir.resolve("postgres.password"));
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          // lets the audit pump tell consumers when each event committed (a few bytes per transaction)
          .setServerConfig("track_commit_timestamp", "on")
          .setServerConfig("listen_addresses", "localhost")
          .setServerConfig("max_connections", "100")
          .setServerConfig("logging_collector", "on")
          .setServerConfig("log_directory", "log")
          .setConnectConfig("password", password)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      DatabaseSettings settings = new DatabaseSettings("localhost", postgres.getPort(), DATABASE, SUPERUSER, password);
      secure(postgres, pgData, password);
      LOG.info("embedded PostgreSQL is up on 127.0.0.1:{} with data in {}", postgres.getPort(), pgData.toAbsolutePath());
      return new EmbeddedDatabase(lock, postgres, settings, runningServer(pgData));
    } catch (IOException | SQLException | RuntimeException e) {
      lock.close();
      if (e instanceof StartupException startup) {
        throw startup;
      }
      throw new StartupException("cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * Blocking: a fast shutdown (open transactions roll back, everything committed is on disk), returning once the
   * server's process has exited. The library stops the server from an exit hook of its own too; when that hook
   * came first, the library's close returns while the server is still stopping.
   */
  @Override
  public void close() {
    try {
      postgres.close();
      server.ifPresent(EmbeddedDatabase::awaitExit);
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      lock.close();
    }
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("embedded PostgreSQL (pid {}) had not stopped 30 s after it was asked to", process.pid());
    }
  }

  /**
   * A previous Platz that was killed leaves its PostgreSQL running, holding {@code postmaster.pid}. We hold the
   * data directory lock, so that server has no live owner: stop it (SIGTERM is PostgreSQL's "smart" shutdown,
   * which completes at once since its client died) and wait until it is gone.
   */
  private static void stopOrphanedServer(Path pgData) throws IOException {
    Optional<ProcessHandle> orphan = runningServer(pgData);
    if (orphan.isEmpty()) {
      return; // none, or a stale pid file: PostgreSQL itself recovers from it
    }
    ProcessHandle server = orphan.get();
    LOG.warn("stopping the embedded PostgreSQL (pid {}) left running by a previous Platz process", server.pid());
    server.destroy();
    try {
      server.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new StartupException("an earlier embedded PostgreSQL (pid " + server.pid() + ") on "
          + pgData.toAbsolutePath() + " did not stop within 30 s; stop it by hand");
    }
  }

  /** The PostgreSQL server that {@code postmaster.pid} names, if it is running. */
  private static Optional<ProcessHandle> runningServer(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    return Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst()
        .map(String::trim)
        .filter(line -> line.matches("\\d+"))
        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
  }

  private static String password(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Files.writeString(file, password, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return password;
  }

  /**
   * The library creates the cluster with "trust" authentication. On every start make sure the superuser has our
   * password, the Platz database exists, and only password logins are accepted. Idempotent, so a crash in the
   * middle of a first start is repaired by the next one.
   */
  private static void secure(EmbeddedPostgres postgres, Path pgData, String password) throws SQLException, IOException {
    String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, SUPERUSER, password);
         Statement statement = connection.createStatement()) {
      statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
      try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (!exists.next()) {
          statement.execute("CREATE DATABASE " + DATABASE);
        }
      }
      Path hba = pgData.resolve("pg_hba.conf");
      if (!PG_HBA.equals(Files.readString(hba, StandardCharsets.UTF_8))) {
        Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
        statement.execute("SELECT pg_reload_conf()");
      }
    }
  }
}
