package io.platz.app.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.platz.common.StartupException;
import io.platz.persistence.DatabaseSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Several clustered Platz instances in this JVM on one fresh database, as an installation would run them on several
 * machines: the same database and server key, each with its own data directory, HTTP port and Hazelcast port, all
 * members of one cluster whose name is unique to this run (so that test JVMs on one machine never join each other).
 *
 * <p>Use:
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.start(3)) {
 *   Fixtures fixtures = new Fixtures(cluster.instance(0));         // the site admin's token is valid on every instance
 *   String bot = fixtures.bot("ci");
 *   cluster.instance(1).api().get("/api/v2/bots/" + bot, fixtures.adminToken());
 *   Vertx outsider = cluster.joinPlain();                           // a JVM without Platz: a plain HazelcastClusterManager
 *   new AuditConsumer().subscribe(outsider);                        // receives what the instances publish
 * }
 * }</pre>
 * {@link #start(int, Map)} adds settings for every instance (the event bus's TLS files, say). Instances start one
 * after the other, the first one migrating the database; {@link #close()} stops the plain members, then the
 * instances in reverse order.
 */
public final class TestCluster implements AutoCloseable {

  private static final Duration PROCESS_START = Duration.ofSeconds(90);

  private final String name;
  private final List<String> members;
  private final String databaseUrl = TestDatabases.freshDatabaseUrl();
  private final String serverKey = randomServerKey();
  private final List<Path> dataDirs = new ArrayList<>();
  private final List<TestPlatform> instances = new ArrayList<>();
  private final List<PlatzProcess> processes = new ArrayList<>();
  private final List<Vertx> plainMembers = new ArrayList<>();

  private TestCluster(String name, List<String> members) {
    this.name = name;
    this.members = members;
  }

  public static TestCluster start(int size) {
    return start(size, Map.of());
  }

  /** With {@code env} added to every instance's settings. */
  public static TestCluster start(int size, Map<String, String> env) {
    return start(size, env, vertx -> { });
  }

  /** With {@code beforeDeploy} run on each instance's Vert.x before its verticles start, as in {@link TestPlatform}. */
  public static TestCluster start(int size, Map<String, String> env, Consumer<Vertx> beforeDeploy) {
    TestCluster cluster = plan(size);
    try {
      for (int i = 0; i < size; i++) {
        Map<String, String> settings = new HashMap<>(env);
        settings.putAll(cluster.settings(i));
        cluster.instances.add(cluster.startOnFreeHttpPort(settings, beforeDeploy));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * The instances as separate operating-system processes ({@link PlatzProcess}), for what only a real process shows:
   * {@code kill -9}. Each has its own data directory; the first one's holds the first site admin's token.
   */
  public static TestCluster startProcesses(int size) {
    TestCluster cluster = plan(size);
    try {
      for (int i = 0; i < size; i++) {
        cluster.dataDirs.add(TestPlatform.tempDir());
        cluster.processes.add(cluster.startProcess(i));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private PlatzProcess startProcess(int index) {
    Map<String, String> settings = new HashMap<>(settings(index));
    settings.put("PLATZ_HTTP_PORT", Integer.toString(freeHttpPort()));
    settings.put("PLATZ_DATA_DIR", dataDirs.get(index).toString());
    return PlatzProcess.start(settings).awaitReady(PROCESS_START);
  }

  /** A name, a database, a server key, and the Hazelcast ports of {@code size} instances. */
  private static TestCluster plan(int size) {
    List<Integer> hazelcast = distinctFreePorts(size);
    return new TestCluster("platz-test-" + UUID.randomUUID(), hazelcast.stream().map(port -> "127.0.0.1:" + port).toList());
  }

  /**
   * Picked when an instance starts, not before: a port found free long before it is bound may meanwhile be taken as
   * the local end of some connection. Never one of the cluster's Hazelcast ports, which are named before they bind.
   */
  private int freeHttpPort() {
    int port = Ports.free();
    while (members.contains("127.0.0.1:" + port)) {
      port = Ports.free();
    }
    return port;
  }

  private Map<String, String> settings(int index) {
    return Map.of("PLATZ_DATABASE_URL", databaseUrl, "PLATZ_SERVER_KEY", serverKey, "PLATZ_CLUSTER_NAME", name,
        "PLATZ_CLUSTER_HOST", "127.0.0.1", "PLATZ_CLUSTER_MEMBERS", String.join(",", members),
        "PLATZ_CLUSTER_PORT", members.get(index).substring(members.get(index).indexOf(':') + 1));
  }

  public TestPlatform instance(int index) {
    return instances.get(index);
  }

  public List<TestPlatform> instances() {
    return List.copyOf(instances);
  }

  /** Instance {@code index} of a cluster started with {@link #startProcesses(int)}. */
  public PlatzProcess process(int index) {
    return processes.get(index);
  }

  /** The database every instance uses. */
  public DatabaseSettings database() {
    return DatabaseSettings.fromUrl(databaseUrl);
  }

  /** The token the first start wrote for the first site admin, in the first instance's data directory. */
  public String adminToken() {
    return TestPlatform.adminToken(dataDirs.get(0));
  }

  public String name() {
    return name;
  }

  /** The instances' Hazelcast addresses, {@code host:port}, as {@code PLATZ_CLUSTER_MEMBERS} lists them. */
  public List<String> members() {
    return members;
  }

  /**
   * A Vert.x that joins this cluster the way a program without Platz would: a plain {@code HazelcastClusterManager}
   * with the cluster's name and members and nothing else of Platz. Closed with the cluster.
   */
  public Vertx joinPlain() {
    return joinPlain(new EventBusOptions());
  }

  /** As {@link #joinPlain()}, with these event-bus options (a certificate, say); host and port are set here. */
  public Vertx joinPlain(EventBusOptions eventBus) {
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(name);
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", "0");
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.getNetworkConfig().setPort(Ports.free()).setPortAutoIncrement(false)
        .getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(eventBus.setHost("127.0.0.1").setPort(0).setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered()
        .await();
    plainMembers.add(vertx);
    return vertx;
  }

  @Override
  public void close() {
    plainMembers.forEach(vertx -> vertx.close().await());
    for (int i = instances.size() - 1; i >= 0; i--) {
      instances.get(i).close();
    }
    processes.forEach(PlatzProcess::close);
  }

  /**
   * A port found free can still be taken before the instance binds it, by the event bus of an instance started just
   * before (it binds a port of the system's choosing) or by another test JVM: then once more on another.
   */
  private TestPlatform startOnFreeHttpPort(Map<String, String> settings, Consumer<Vertx> beforeDeploy) {
    for (int attempt = 1; ; attempt++) {
      try {
        return TestPlatform.start(TestPlatform.config(settings).withHttpPort(freeHttpPort()), beforeDeploy);
      } catch (StartupException e) {
        if (attempt == 3 || !e.getMessage().startsWith("cannot listen on")) {
          throw e;
        }
      }
    }
  }

  private static List<Integer> distinctFreePorts(int count) {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < count) {
      ports.add(Ports.free());
    }
    return List.copyOf(ports);
  }

  private static String randomServerKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
