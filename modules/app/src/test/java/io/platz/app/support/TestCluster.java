package io.platz.app.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.platz.common.StartupException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.security.SecureRandom;
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

  private final String name;
  private final List<String> members;
  private final List<TestPlatform> instances = new ArrayList<>();
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
    List<Integer> ports = distinctFreePorts(size);
    TestCluster cluster = new TestCluster("platz-test-" + UUID.randomUUID(),
        ports.stream().map(port -> "127.0.0.1:" + port).toList());
    Map<String, String> shared = new HashMap<>(env);
    shared.put("PLATZ_DATABASE_URL", TestDatabases.freshDatabaseUrl());
    shared.put("PLATZ_SERVER_KEY", randomServerKey());
    shared.put("PLATZ_CLUSTER_NAME", cluster.name);
    shared.put("PLATZ_CLUSTER_HOST", "127.0.0.1");
    shared.put("PLATZ_CLUSTER_MEMBERS", String.join(",", cluster.members));
    try {
      for (int port : ports) {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("PLATZ_CLUSTER_PORT", Integer.toString(port));
        cluster.instances.add(startOnFreeHttpPort(settings, beforeDeploy));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public TestPlatform instance(int index) {
    return instances.get(index);
  }

  public List<TestPlatform> instances() {
    return List.copyOf(instances);
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
  }

  /**
   * An HTTP port found free can be taken before the instance binds it, by the event bus of an instance started
   * just before (it binds a port of the system's choosing) or by another test JVM: then once more on another.
   */
  private static TestPlatform startOnFreeHttpPort(Map<String, String> settings, Consumer<Vertx> beforeDeploy) {
    for (int attempt = 1; ; attempt++) {
      try {
        return TestPlatform.start(TestPlatform.config(settings), beforeDeploy);
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
