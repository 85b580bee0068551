package io.platz.common.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Several Platz instances on one database, joined into one Vert.x cluster (Hazelcast) over TCP.
 *
 * @param members the {@code host:port} of members to join; never empty
 * @param host the address this instance binds and advertises, for Hazelcast and for the event bus
 * @param port this instance's Hazelcast member port
 * @param name the Hazelcast cluster name: instances with another name never join
 * @param hazelcastConfig a Hazelcast XML or YAML file that replaces members, port and name (Kubernetes discovery...)
 * @param tls mutual TLS for the event bus; empty means a plain TCP event bus
 */
public record ClusterConfig(List<Member> members, String host, int port, String name, Optional<Path> hazelcastConfig,
                            Optional<Tls> tls) {

  public ClusterConfig {
    members = List.copyOf(members);
  }

  /** A member to join. */
  public record Member(String host, int port) {

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /**
   * PEM files: this instance's certificate and key, and the CA every member's certificate must be signed by.
   */
  public record Tls(Path certificate, Path key, Path certificateAuthority) {
  }

  public ClusterConfig withName(String clusterName) {
    return new ClusterConfig(members, host, port, clusterName, hazelcastConfig, tls);
  }

  public ClusterConfig withPort(int memberPort) {
    return new ClusterConfig(members, host, memberPort, name, hazelcastConfig, tls);
  }

  public ClusterConfig withMembers(List<Member> memberList) {
    return new ClusterConfig(memberList, host, port, name, hazelcastConfig, tls);
  }
}
