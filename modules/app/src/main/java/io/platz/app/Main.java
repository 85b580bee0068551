package io.platz.app;

import io.platz.audit.chain.AuditVerifier;
import io.platz.common.StartupException;
import io.platz.common.Version;
import io.platz.common.config.ConfigException;
import io.platz.common.config.ConfigLoader;
import io.platz.common.config.PlatzConfig;
import io.platz.common.error.ApiError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar platz.jar} runs the server; {@code admin create-token} is for automation and recovery;
 * {@code audit verify} checks the audit chain.
 * Failures print one line ({@code platz: ...}) and exit 1; a usage error exits 2. SIGTERM and SIGINT shut the
 * server down in order (drain HTTP, undeploy, close the pool, stop the embedded database) and exit 0.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String USAGE = """
      usage: java -jar platz.jar [serve]
             java -jar platz.jar admin create-token --email <email>
             java -jar platz.jar audit verify
      Configuration comes from config/platz.json and PLATZ_* environment variables (see README).""";

  private Main() {
  }

  public static void main(String[] args) {
    List<String> command = List.of(args);
    try {
      PlatzConfig config = ConfigLoader.load(System.getenv());
      if (command.isEmpty() || command.equals(List.of("serve"))) {
        serve(config);
      } else if (command.size() == 4 && command.subList(0, 3).equals(List.of("admin", "create-token", "--email"))) {
        System.out.println(AdminCommand.createToken(config, command.get(3)));
        System.exit(0);
      } else if (command.equals(List.of("audit", "verify"))) {
        AuditVerifier.Result result = AuditCommand.verify(config);
        (result.intact() ? List.of("intact") : result.problems()).forEach(System.out::println);
        System.exit(result.intact() ? 0 : 1);
      } else {
        System.err.println(USAGE);
        System.exit(2);
      }
    } catch (StartupException | ConfigException e) {
      LOG.debug("failure", e);
      System.err.println("platz: " + e.getMessage());
      System.exit(1);
    }
  }

  /** A command's failure, as the one line Main prints. */
  static StartupException failure(Throwable e) {
    Throwable cause = e.getCause() != null && !(e instanceof ApiError) ? e.getCause() : e;
    if (cause instanceof StartupException startup) {
      return startup;
    }
    return new StartupException(cause instanceof ApiError ? cause.getMessage() : "failed: " + cause, cause);
  }

  /**
   * Serves until SIGTERM or SIGINT, then shuts down on this thread. Our own signal handlers rather than a shutdown
   * hook: hooks run concurrently, and the embedded database's own hook would stop PostgreSQL while HTTP is still
   * draining. The main thread waits meanwhile, so the JVM cannot end on its own once Vert.x's threads are gone.
   */
  private static void serve(PlatzConfig config) {
    Platform platform = Platform.start(config);
    LOG.info("platz {} is serving on http://{}:{}", Version.current(), config.httpHost(), config.httpPort());
    CompletableFuture<String> stopSignal = new CompletableFuture<>();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> stopSignal.complete(name));
      } catch (IllegalArgumentException ignoredByTheShell) {
        // a background job of a non-interactive shell starts with SIGINT ignored, and the JVM will not take it
        // over; SIGTERM still works
        LOG.debug("SIG{} is ignored by whoever started us; not handling it", name);
      }
    }
    LOG.info("SIG{} received: shutting down", stopSignal.join());
    platform.stop();
    LOG.info("stopped");
    System.exit(0);
  }
}
