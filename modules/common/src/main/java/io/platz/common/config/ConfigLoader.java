package io.platz.common.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the configuration: the defaults in {@code config/platz.json} (bundled in the jar), then the file
 * named by {@code PLATZ_CONFIG} if set, then {@code PLATZ_*} environment variables. Later sources win.
 */
public final class ConfigLoader {

  /** An environment variable and the JSON path it overrides. */
  public record Setting(String env, String path, String description) {
  }

  /** Every environment variable Platz reads; the README's table lists the same. */
  public static final List<Setting> SETTINGS = List.of(
      new Setting("PLATZ_HTTP_HOST", "http.host", "address the HTTP server binds"),
      new Setting("PLATZ_HTTP_PORT", "http.port", "HTTP port"),
      new Setting("PLATZ_HTTP_INSTANCES", "http.instances", "HTTP verticle instances; 0 = one per core"),
      new Setting("PLATZ_SHUTDOWN_TIMEOUT_SECONDS", "http.shutdown_timeout_seconds", "how long SIGTERM waits for in-flight requests"),
      new Setting("PLATZ_DATA_DIR", "data_dir", "embedded database, server key and initial admin token"),
      new Setting("PLATZ_DATABASE_URL", "database.url", "postgresql://user:password@host:port/db; unset = embedded"),
      new Setting("PLATZ_DATABASE_POOL_SIZE", "database.pool_size", "connections in the shared pool"),
      new Setting("PLATZ_ADMIN_EMAIL", "admin.email", "email of the first site admin"),
      new Setting("PLATZ_AUTH_CACHE_SIZE", "auth.cache_size", "verified credentials kept in memory"),
      new Setting("PLATZ_DEPLOYMENT_TOKEN_TTL_SECONDS", "auth.deployment_token_ttl_seconds", "lifetime of deployment credentials"),
      new Setting("PLATZ_SERVER_KEY", "auth.server_key", "base64 server key; unset = data_dir/server.key"),
      new Setting("PLATZ_AUTH_CACHE_MAX_AGE_SECONDS", "auth.cache_max_age_seconds", "longest a cached credential or grant is trusted without asking the database"),
      new Setting("PLATZ_AUTH_FAILURES_PER_MINUTE", "auth.failures_per_minute", "failed authentications per source address before 429"),
      new Setting("PLATZ_MAX_CONFIG_BYTES", "limits.max_config_bytes", "largest deployment config or task operation, in bytes of JSON"),
      new Setting("PLATZ_CONSOLE_SECURE_COOKIE", "console.secure_cookie", "auto, true or false: console cookies sent over https only"),
      new Setting("PLATZ_CONSOLE_SESSIONS_PER_PERSON", "console.sessions_per_person", "console sessions one person may hold"),
      new Setting("PLATZ_CONSOLE_SESSIONS_MAX", "console.sessions_max", "console sessions the process holds"),
      new Setting("PLATZ_CONSOLE_TOKEN_SIGN_IN", "console.token_sign_in", "true or false: the sign-in page takes a personal token"),
      new Setting("PLATZ_AUDIT_CHECKPOINT", "audit.checkpoint", "the audit chain's signed checkpoint; unset = data_dir/audit-checkpoint"),
      new Setting("PLATZ_CLUSTER_MEMBERS", "cluster.members", "comma-separated host:port of cluster members to join; unset = no cluster"),
      new Setting("PLATZ_CLUSTER_HOST", "cluster.host", "address this instance binds and advertises to the cluster"),
      new Setting("PLATZ_CLUSTER_PORT", "cluster.port", "this instance's Hazelcast member port"),
      new Setting("PLATZ_CLUSTER_NAME", "cluster.name", "Hazelcast cluster name; instances with another name never join"),
      new Setting("PLATZ_CLUSTER_CONFIG", "cluster.config", "Hazelcast XML or YAML file replacing members, port and name"),
      new Setting("PLATZ_CLUSTER_TLS_CERT", "cluster.tls_cert", "PEM certificate of this instance for event-bus mutual TLS"),
      new Setting("PLATZ_CLUSTER_TLS_KEY", "cluster.tls_key", "PEM private key of that certificate"),
      new Setting("PLATZ_CLUSTER_TLS_CA", "cluster.tls_ca", "PEM CA that every member's event-bus certificate must be signed by"),
      new Setting("PLATZ_AUDIT_STREAM_KEEPALIVE_SECONDS", "audit.stream_keepalive_seconds", "how often a quiet audit event stream gets a keep-alive comment"),
      new Setting("PLATZ_OIDC_ISSUER", "oidc.issuer", "the OpenID Connect provider's issuer URL; unset = no OIDC sign-in"),
      new Setting("PLATZ_OIDC_CLIENT_ID", "oidc.client_id", "Platz's client id at the provider"),
      new Setting("PLATZ_OIDC_CLIENT_SECRET", "oidc.client_secret", "Platz's client secret at the provider; unset = a public client"),
      new Setting("PLATZ_PUBLIC_URL", "oidc.public_url", "the URL people reach Platz at; the callback is <url>/auth/oidc/callback"),
      new Setting("PLATZ_ADMIN_EMAILS", "oidc.admin_emails", "comma- or space-separated: site admins when first signing in"));

  /** Upstream Platz's names for the same settings, so that an upstream installation's settings carry over. */
  private static final Map<String, String> UPSTREAM_NAMES = Map.of(
      "PLATZ_OIDC_ISSUER", "OIDC_SERVER_URL",
      "PLATZ_OIDC_CLIENT_ID", "OIDC_CLIENT_ID",
      "PLATZ_OIDC_CLIENT_SECRET", "OIDC_CLIENT_SECRET",
      "PLATZ_PUBLIC_URL", "PLATZ_OWN_URL",
      "PLATZ_ADMIN_EMAILS", "ADMIN_EMAILS");

  private ConfigLoader() {
  }

  public static PlatzConfig load(Map<String, String> env) {
    JsonObject json = bundledDefaults();
    String file = env.get("PLATZ_CONFIG");
    if (file != null && !file.isBlank()) {
      json = json.mergeIn(readFile(Path.of(file)), true);
    }
    for (Setting setting : SETTINGS) {
      String value = value(env, setting.env());
      if (value != null && !value.isEmpty()) {
        put(json, setting.path(), value);
      }
    }
    return fromJson(json);
  }

  /** Platz's own name wins over upstream's. */
  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    String upstream = UPSTREAM_NAMES.get(name);
    return (value == null || value.isEmpty()) && upstream != null ? env.get(upstream) : value;
  }

  public static PlatzConfig fromJson(JsonObject json) {
    Optional<OidcConfig> oidc = oidc(json);
    boolean tokenSignIn = bool(json, "console.token_sign_in");
    if (!tokenSignIn && oidc.isEmpty()) {
      throw new ConfigException("PLATZ_CONSOLE_TOKEN_SIGN_IN=false needs OpenID Connect sign-in (PLATZ_OIDC_ISSUER and "
          + "the rest): without either, nobody could sign in to the console");
    }
    return new PlatzConfig(
        string(json, "http.host"),
        port(json, "http.port"),
        nonNegative(json, "http.instances"),
        Duration.ofSeconds(nonNegative(json, "http.shutdown_timeout_seconds")),
        Path.of(string(json, "data_dir")).toAbsolutePath().normalize(),
        Optional.ofNullable(optionalString(json, "database.url")),
        positive(json, "database.pool_size"),
        string(json, "admin.email"),
        positive(json, "auth.cache_size"),
        Duration.ofSeconds(positive(json, "auth.deployment_token_ttl_seconds")),
        Optional.ofNullable(optionalString(json, "auth.server_key")),
        positive(json, "auth.failures_per_minute"),
        atLeast(json, "limits.max_config_bytes", 1024),
        new ConsoleConfig(secureCookie(json, "console.secure_cookie"), positive(json, "console.sessions_per_person"),
            positive(json, "console.sessions_max"), tokenSignIn),
        Optional.ofNullable(optionalString(json, "audit.checkpoint")).map(file -> Path.of(file).toAbsolutePath().normalize()),
        oidc,
        Duration.ofSeconds(positive(json, "auth.cache_max_age_seconds")),
        cluster(json),
        Duration.ofSeconds(positive(json, "audit.stream_keepalive_seconds")));
  }

  /** Clustering is on when members are named, or a Hazelcast file says how to find them. */
  private static Optional<ClusterConfig> cluster(JsonObject json) {
    Optional<ClusterConfig.Tls> tls = clusterTls(json);
    String members = optionalString(json, "cluster.members");
    String file = optionalString(json, "cluster.config");
    if (members == null && file == null) {
      if (tls.isPresent()) {
        throw new ConfigException("PLATZ_CLUSTER_TLS_CERT needs a cluster: set PLATZ_CLUSTER_MEMBERS or PLATZ_CLUSTER_CONFIG");
      }
      return Optional.empty();
    }
    return Optional.of(new ClusterConfig(members == null ? List.of() : members(members), host(json, "cluster.host"),
        port(json, "cluster.port"), string(json, "cluster.name").strip(), Optional.ofNullable(file).map(f -> readable(f, "cluster.config")),
        tls));
  }

  private static List<ClusterConfig.Member> members(String list) {
    List<ClusterConfig.Member> members = Arrays.stream(list.split(",")).map(String::strip).filter(m -> !m.isEmpty())
        .map(ConfigLoader::member).toList();
    if (members.isEmpty()) {
      throw new ConfigException("PLATZ_CLUSTER_MEMBERS must list host:port, not '" + list + "'");
    }
    return members;
  }

  private static ClusterConfig.Member member(String entry) {
    int colon = entry.lastIndexOf(':');
    String problem = "PLATZ_CLUSTER_MEMBERS must list host:port entries separated by commas, not '" + entry + "'";
    if (colon <= 0 || colon == entry.length() - 1) {
      throw new ConfigException(problem);
    }
    try {
      int port = Integer.parseInt(entry.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new ConfigException(problem);
      }
      return new ClusterConfig.Member(entry.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new ConfigException(problem);
    }
  }

  /** A host name or address without scheme, port or spaces. */
  private static String host(JsonObject json, String path) {
    String value = string(json, path).strip();
    if (!value.matches("[A-Za-z0-9.\\-\\[\\]:]+") || value.contains("//")) {
      throw new ConfigException(name(path) + " must be a host name or an IP address, not '" + value + "'");
    }
    return value;
  }

  /** All three PEM files or none: a half-configured mutual TLS would fail at the first connection instead of now. */
  private static Optional<ClusterConfig.Tls> clusterTls(JsonObject json) {
    if (!allOrNone(json, List.of("cluster.tls_cert", "cluster.tls_key", "cluster.tls_ca"), "the event bus's mutual TLS")) {
      return Optional.empty();
    }
    return Optional.of(new ClusterConfig.Tls(readable(string(json, "cluster.tls_cert"), "cluster.tls_cert"),
        readable(string(json, "cluster.tls_key"), "cluster.tls_key"), readable(string(json, "cluster.tls_ca"), "cluster.tls_ca")));
  }

  private static Path readable(String file, String path) {
    Path resolved = Path.of(file.strip()).toAbsolutePath().normalize();
    if (!Files.isReadable(resolved) || Files.isDirectory(resolved)) {
      throw new ConfigException(name(path) + ": cannot read the file " + resolved);
    }
    return resolved;
  }

  /** All of issuer, client id and public URL, or none of them: half an OIDC set-up is a mistake to name at start. */
  private static Optional<OidcConfig> oidc(JsonObject json) {
    if (!allOrNone(json, List.of("oidc.issuer", "oidc.client_id", "oidc.public_url"), "OpenID Connect sign-in")) {
      return Optional.empty();
    }
    String secret = optionalString(json, "oidc.client_secret");
    String emails = optionalString(json, "oidc.admin_emails");
    return Optional.of(new OidcConfig(url(json, "oidc.issuer"), string(json, "oidc.client_id").strip(),
        secret == null ? "" : secret, url(json, "oidc.public_url"),
        emails == null ? List.of() : Arrays.stream(emails.split("[,\\s]+")).filter(e -> !e.isEmpty())
            .map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList()));
  }

  /**
   * Whether settings that only work together are set: all of them (true) or none (false). Some of them stop the
   * start, naming the first one missing.
   */
  private static boolean allOrNone(JsonObject json, List<String> paths, String purpose) {
    List<String> missing = paths.stream().filter(path -> optionalString(json, path) == null).toList();
    if (missing.isEmpty() || missing.size() == paths.size()) {
      return missing.isEmpty();
    }
    throw new ConfigException(name(missing.get(0)) + " must be set for " + purpose + ", as "
        + paths.stream().filter(path -> !missing.contains(path)).map(ConfigLoader::name).collect(Collectors.joining(" and "))
        + (paths.size() - missing.size() == 1 ? " is" : " are"));
  }

  /** An absolute http(s) URL, without the trailing {@code /} that would make the callback's or the issuer's path differ. */
  private static String url(JsonObject json, String path) {
    String value = string(json, path).strip();
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw new URISyntaxException(value, "not an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(name(path) + " must be an http or https URL, not '" + value + "'");
    }
    return value.replaceAll("/+$", "");
  }

  public static JsonObject bundledDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/config/platz.json")) {
      if (in == null) {
        throw new ConfigException("config/platz.json is missing from the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read the bundled config/platz.json: " + e.getMessage());
    }
  }

  private static JsonObject readFile(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("PLATZ_CONFIG: cannot read " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException("PLATZ_CONFIG: " + file + " is not a JSON object");
    }
  }

  private static void put(JsonObject json, String path, String value) {
    String[] parts = path.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }

  private static Object get(JsonObject json, String path) {
    String[] parts = path.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i], new JsonObject());
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static String optionalString(JsonObject json, String path) {
    Object value = get(json, path);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static String string(JsonObject json, String path) {
    String value = optionalString(json, path);
    if (value == null) {
      throw new ConfigException(name(path) + " must be set");
    }
    return value;
  }

  private static long number(JsonObject json, String path) {
    String value = string(json, path);
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name(path) + " must be a whole number, not '" + value + "'");
    }
  }

  private static int nonNegative(JsonObject json, String path) {
    long value = number(json, path);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new ConfigException(name(path) + " must be zero or more, not " + value);
    }
    return (int) value;
  }

  private static int positive(JsonObject json, String path) {
    int value = nonNegative(json, path);
    if (value == 0) {
      throw new ConfigException(name(path) + " must be at least 1");
    }
    return value;
  }

  private static int atLeast(JsonObject json, String path, int minimum) {
    int value = nonNegative(json, path);
    if (value < minimum) {
      throw new ConfigException(name(path) + " must be at least " + minimum + ", not " + value);
    }
    return value;
  }

  private static boolean bool(JsonObject json, String path) {
    String value = string(json, path).strip();
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException(name(path) + " must be true or false, not '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static ConsoleConfig.SecureCookie secureCookie(JsonObject json, String path) {
    String value = string(json, path);
    try {
      return ConsoleConfig.SecureCookie.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name(path) + " must be auto, true or false, not '" + value + "'");
    }
  }

  private static int port(JsonObject json, String path) {
    int value = nonNegative(json, path);
    if (value > 65535) {
      throw new ConfigException(name(path) + " must be a port number (0-65535), not " + value);
    }
    return value;
  }

  /** Names a setting the way the person most likely set it. */
  private static String name(String path) {
    return SETTINGS.stream().filter(s -> s.path().equals(path)).map(Setting::env).findFirst().orElse(path);
  }
}
