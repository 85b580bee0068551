package io.platz.app;

import io.platz.common.StartupException;
import io.platz.common.Version;
import io.platz.common.config.ConfigException;
import io.platz.common.config.ConfigLoader;
import io.platz.common.config.PlatzConfig;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar platz.jar} runs the server. Start-up failures print one line and exit 1; SIGTERM and SIGINT
 * shut down in order (drain HTTP, undeploy, close the pool, stop the embedded database) and exit 0.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    try {
      PlatzConfig config = ConfigLoader.load(System.getenv());
      if (args.length == 0 || args[0].equals("serve")) {
        serve(config);
      } else {
        System.err.println("usage: java -jar platz.jar [serve]");
        System.err.println("unknown command: " + String.join(" ", Arrays.asList(args)));
        System.exit(2);
      }
    } catch (StartupException | ConfigException e) {
      LOG.debug("start-up failure", e);
      System.err.println("platz: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void serve(PlatzConfig config) {
    Platform platform = Platform.start(config);
    LOG.info("platz {} is serving on http://{}:{}", Version.current(), config.httpHost(), config.httpPort());
    AtomicBoolean stopping = new AtomicBoolean();
    // Our own signal handlers rather than a shutdown hook: hooks run concurrently, and the embedded
    // database's own hook would stop PostgreSQL while HTTP is still draining.
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (stopping.compareAndSet(false, true)) {
          LOG.info("SIG{} received: shutting down", name);
          platform.stop();
          LOG.info("stopped");
          System.exit(0);
        }
      });
    }
  }
}
