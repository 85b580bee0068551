package io.platz.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void defaultsComeFromTheBundledFile() {
    PlatzConfig config = ConfigLoader.load(Map.of());
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.embeddedDatabase()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.adminEmail()).isEqualTo("admin@localhost");
    assertThat(config.deploymentTokenTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxConfigBytes()).isEqualTo(65_536);
  }

  @Test
  void environmentOverridesAFileWhichOverridesDefaults() throws Exception {
    Path file = dir.resolve("platz.json");
    Files.writeString(file, "{\"http\": {\"port\": 9000, \"host\": \"127.0.0.1\"}, \"admin\": {\"email\": \"root@example.org\"}}");
    PlatzConfig config = ConfigLoader.load(Map.of("PLATZ_CONFIG", file.toString(), "PLATZ_HTTP_PORT", "9001",
        "PLATZ_DATABASE_URL", "postgresql://u:p@db:5432/platz"));
    assertThat(config.httpPort()).isEqualTo(9001);
    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.adminEmail()).isEqualTo("root@example.org");
    assertThat(config.databaseUrl()).hasValue("postgresql://u:p@db:5432/platz");
    assertThat(config.toString()).doesNotContain(":p@").doesNotContain("postgresql://");
  }

  @Test
  void aBadValueNamesTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_HTTP_PORT", "70000")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_HTTP_PORT must be a port number (0-65535), not 70000");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_DATABASE_POOL_SIZE", "0")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_DATABASE_POOL_SIZE must be at least 1");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_MAX_CONFIG_BYTES", "100")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_MAX_CONFIG_BYTES must be at least 1024, not 100");
  }

  @Test
  void theConsoleSettings() {
    assertThat(ConfigLoader.load(Map.of()).console()).isEqualTo(new ConsoleConfig(ConsoleConfig.SecureCookie.AUTO, 10, 10_000, true));
    PlatzConfig set = ConfigLoader.load(Map.of("PLATZ_CONSOLE_SECURE_COOKIE", "false", "PLATZ_CONSOLE_SESSIONS_PER_PERSON", "3",
        "PLATZ_CONSOLE_SESSIONS_MAX", "500"));
    assertThat(set.console()).isEqualTo(new ConsoleConfig(ConsoleConfig.SecureCookie.FALSE, 3, 500, true));
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CONSOLE_SECURE_COOKIE", "yes")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_CONSOLE_SECURE_COOKIE must be auto, true or false, not 'yes'");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CONSOLE_SESSIONS_MAX", "0")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_CONSOLE_SESSIONS_MAX must be at least 1");
  }

  @Test
  void openIdConnectIsOffUntilItsSettingsAreGiven() {
    assertThat(ConfigLoader.load(Map.of()).oidc()).isEmpty();
    OidcConfig oidc = ConfigLoader.load(Map.of("PLATZ_OIDC_ISSUER", "https://id.example.org/realms/platz/",
        "PLATZ_OIDC_CLIENT_ID", "platz", "PLATZ_OIDC_CLIENT_SECRET", "s3cret", "PLATZ_PUBLIC_URL", "https://platz.example.org/",
        "PLATZ_ADMIN_EMAILS", "Ann@Example.org, bob@example.org  carol@example.org")).oidc().orElseThrow();
    assertThat(oidc.issuer()).isEqualTo("https://id.example.org/realms/platz");
    assertThat(oidc.callbackUrl()).isEqualTo("https://platz.example.org/auth/oidc/callback");
    assertThat(oidc.adminEmails()).containsExactly("ann@example.org", "bob@example.org", "carol@example.org");
    assertThat(oidc.toString()).doesNotContain("s3cret");
  }

  @Test
  void upstreamNamesCarryOverAndPlatzNamesWin() {
    OidcConfig oidc = ConfigLoader.load(Map.of("OIDC_SERVER_URL", "https://accounts.google.com", "OIDC_CLIENT_ID", "upstream",
        "PLATZ_OIDC_CLIENT_ID", "platz", "OIDC_CLIENT_SECRET", "s", "PLATZ_OWN_URL", "https://platz.example.org",
        "ADMIN_EMAILS", "ops@example.org")).oidc().orElseThrow();
    assertThat(oidc).isEqualTo(new OidcConfig("https://accounts.google.com", "platz", "s", "https://platz.example.org",
        List.of("ops@example.org")));
  }

  @Test
  void halfAnOpenIdConnectSetUpStopsTheStart() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_OIDC_ISSUER", "https://id.example.org")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PLATZ_OIDC_CLIENT_ID must be set for OpenID Connect sign-in, as PLATZ_OIDC_ISSUER is");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_OIDC_ISSUER", "id.example.org", "PLATZ_OIDC_CLIENT_ID", "platz",
        "PLATZ_PUBLIC_URL", "https://platz.example.org")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_OIDC_ISSUER must be an http or https URL, not 'id.example.org'");
  }

  @Test
  void tokenSignInTurnsOffOnlyBesideOpenIdConnect() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CONSOLE_TOKEN_SIGN_IN", "false")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("PLATZ_CONSOLE_TOKEN_SIGN_IN=false needs OpenID Connect");
    assertThat(ConfigLoader.load(Map.of("PLATZ_CONSOLE_TOKEN_SIGN_IN", "false", "OIDC_SERVER_URL", "https://id.example.org",
        "OIDC_CLIENT_ID", "platz", "PLATZ_OWN_URL", "https://platz.example.org")).console().tokenSignIn()).isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CONSOLE_TOKEN_SIGN_IN", "no")))
        .isInstanceOf(ConfigException.class).hasMessage("PLATZ_CONSOLE_TOKEN_SIGN_IN must be true or false, not 'no'");
  }

  @Test
  void noClusterUnlessMembersOrAHazelcastFileAreNamed() {
    PlatzConfig single = ConfigLoader.load(Map.of());
    assertThat(single.cluster()).isEmpty();
    assertThat(single.authCacheMaxAge()).isEqualTo(Duration.ofSeconds(30));

    ClusterConfig cluster = ConfigLoader.load(Map.of("PLATZ_CLUSTER_MEMBERS", "10.0.0.1:5701, node-b.internal:5702",
        "PLATZ_CLUSTER_HOST", "10.0.0.3")).cluster().orElseThrow();
    assertThat(cluster.members()).containsExactly(new ClusterConfig.Member("10.0.0.1", 5701),
        new ClusterConfig.Member("node-b.internal", 5702));
    assertThat(cluster.host()).isEqualTo("10.0.0.3");
    assertThat(cluster.port()).isEqualTo(5701);
    assertThat(cluster.name()).isEqualTo("platz");
    assertThat(cluster.tls()).isEmpty();
  }

  @Test
  void aBadClusterValueNamesTheVariable() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_MEMBERS", "10.0.0.1")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("PLATZ_CLUSTER_MEMBERS must list host:port");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_MEMBERS", "10.0.0.1:5701-5703")))
        .hasMessageStartingWith("PLATZ_CLUSTER_MEMBERS must list host:port");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_MEMBERS", "a:1", "PLATZ_CLUSTER_PORT", "70000")))
        .hasMessageStartingWith("PLATZ_CLUSTER_PORT must be a port number");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_MEMBERS", "a:1", "PLATZ_CLUSTER_HOST", "http://x")))
        .hasMessageStartingWith("PLATZ_CLUSTER_HOST must be a host name");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_CONFIG", dir.resolve("missing.xml").toString())))
        .hasMessageStartingWith("PLATZ_CLUSTER_CONFIG: cannot read the file");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_AUTH_CACHE_MAX_AGE_SECONDS", "0")))
        .hasMessageStartingWith("PLATZ_AUTH_CACHE_MAX_AGE_SECONDS must be at least 1");
    Path pem = Files.writeString(dir.resolve("member.pem"), "test");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_MEMBERS", "a:1", "PLATZ_CLUSTER_TLS_CERT", pem.toString())))
        .hasMessage("PLATZ_CLUSTER_TLS_KEY must be set for the event bus's mutual TLS, as PLATZ_CLUSTER_TLS_CERT is");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PLATZ_CLUSTER_TLS_CERT", pem.toString(), "PLATZ_CLUSTER_TLS_KEY",
        pem.toString(), "PLATZ_CLUSTER_TLS_CA", pem.toString())))
        .hasMessageStartingWith("PLATZ_CLUSTER_TLS_CERT needs a cluster");
  }
}
