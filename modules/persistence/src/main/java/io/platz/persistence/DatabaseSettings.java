package io.platz.persistence;

import io.platz.common.config.ConfigException;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the database is and how to log in; {@link #toString()} never shows the password. */
public record DatabaseSettings(String host, int port, String database, String user, String password) {

  /** Parses {@code postgresql://user:password@host:port/db} (also {@code postgres://}). */
  public static DatabaseSettings fromUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException("PLATZ_DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/db)");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme) || uri.getHost() == null) {
      throw new ConfigException("PLATZ_DATABASE_URL must look like postgresql://user:password@host:port/db");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String database = path.isEmpty() ? user : decode(path);
    return new DatabaseSettings(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database, user, password);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        // parse and plan each statement once per connection, not on every execution
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256)
        .setPreparedStatementCacheSqlLimit(4096);
  }

  /** Names the server for messages and logs. */
  public String describe() {
    return host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + user + "@" + describe() + "]";
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
