package io.platz.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.platz.common.StartupException;
import io.platz.common.config.ClusterConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How a clustered Platz finds its members (Hazelcast over TCP, nothing else) and how its event bus listens.
 *
 * <p>Only TCP to the named members: vertx-hazelcast's default configuration turns multicast on, Hazelcast probes
 * cloud metadata endpoints for auto-detection and calls home; each would send traffic where nobody asked it to go.
 */
final class Cluster {

  /** Long enough for members started together to find each other as one cluster, short enough not to slow a start. */
  private static final String SECONDS_BEFORE_JOIN = "1";

  private Cluster() {
  }

  static HazelcastClusterManager manager(ClusterConfig cluster) {
    Config hazelcast = cluster.hazelcastConfig().map(Cluster::fromFile).orElseGet(() -> fromSettings(cluster));
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    return new HazelcastClusterManager(hazelcast);
  }

  /**
   * The event bus binds and advertises the cluster host on a port of the system's choosing (members learn it from
   * the cluster); with TLS, both ends of every event-bus connection must show a certificate signed by the CA.
   */
  static EventBusOptions eventBus(ClusterConfig cluster) {
    EventBusOptions options = new EventBusOptions().setHost(cluster.host()).setPort(0).setClusterPublicHost(cluster.host());
    cluster.tls().ifPresent(tls -> options.setSsl(true).setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(tls.certificateAuthority().toString())));
    return options;
  }

  private static Config fromSettings(ClusterConfig cluster) {
    // vertx-hazelcast's defaults carry the maps Vert.x itself needs (subscriptions, node information)
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(cluster.name());
    hazelcast.setProperty("hazelcast.socket.bind.any", "false");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", SECONDS_BEFORE_JOIN);
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(address(cluster.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    cluster.members().forEach(member -> join.getTcpIpConfig().addMember(member.toString()));
    return hazelcast;
  }

  private static Config fromFile(Path file) {
    try {
      return Config.loadFromFile(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new StartupException("PLATZ_CLUSTER_CONFIG: cannot use " + file + ": " + e.getMessage(), e);
    }
  }

  /** Hazelcast's interface list takes addresses, not names. */
  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new StartupException("PLATZ_CLUSTER_HOST: cannot resolve " + host, e);
    }
  }
}
