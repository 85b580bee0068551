package example.auditconsumer;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the consumer needs, from environment variables. The cluster's name and members are Platz's own
 * ({@code PLATZ_CLUSTER_NAME}, {@code PLATZ_CLUSTER_MEMBERS}); the consumer's Hazelcast member listens on
 * {@code CONSUMER_CLUSTER_HOST}:{@code CONSUMER_CLUSTER_PORT}; {@code PLATZ_URL} and {@code PLATZ_TOKEN} (a site
 * admin's, who reads every event) serve the catch-up; {@code CONSUMER_STATE_FILE} keeps the last seq printed.
 */
public record Settings(List<String> members, String clusterName, String host, int port, URI platz, String token,
                       Path stateFile) {

  public static Settings from(Map<String, String> env) {
    return new Settings(
        Arrays.stream(required(env, "PLATZ_CLUSTER_MEMBERS").split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList(),
        env.getOrDefault("PLATZ_CLUSTER_NAME", "platz"),
        env.getOrDefault("CONSUMER_CLUSTER_HOST", "127.0.0.1"),
        port(env.getOrDefault("CONSUMER_CLUSTER_PORT", "5710")),
        url(required(env, "PLATZ_URL")),
        required(env, "PLATZ_TOKEN"),
        Path.of(env.getOrDefault("CONSUMER_STATE_FILE", "audit-consumer.last-seq")));
  }

  /** The same, with the consumer's Hazelcast member on another port. */
  public Settings withPort(int otherPort) {
    return new Settings(members, clusterName, host, otherPort, platz, token, stateFile);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.strip();
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("CONSUMER_CLUSTER_PORT must be a port number, 1-65535");
  }

  private static URI url(String value) {
    URI uri = URI.create(value.replaceAll("/+$", ""));
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("PLATZ_URL must be an http(s) URL, such as http://127.0.0.1:8080");
    }
    return uri;
  }

  /** Never the token: settings may end up in a log. */
  @Override
  public String toString() {
    return "Settings[members=" + members + ", clusterName=" + clusterName + ", host=" + host + ", port=" + port
        + ", platz=" + platz + ", stateFile=" + stateFile + "]";
  }
}
