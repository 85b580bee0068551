package io.platz.console.oidc;

import io.platz.common.config.OidcConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's discovery document and signing keys, fetched at start-up. An issuer that cannot be reached does
 * not stop Platz: it is one log line per attempt, attempts further and further apart, and token sign-in meanwhile.
 */
public final class OidcDiscovery {

  /** The first retry's wait, doubled at each failure up to {@link #LONGEST_WAIT}. */
  public static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(OidcDiscovery.class);

  private final Vertx vertx;
  private final OidcConfig config;
  private final Promise<OAuth2Auth> discovered = Promise.promise();
  private volatile OAuth2Auth provider;

  private OidcDiscovery(Vertx vertx, OidcConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Starts discovering {@code config}'s issuer, retrying after {@code firstWait}, then twice as long each time. */
  public static OidcDiscovery start(Vertx vertx, OidcConfig config, Duration firstWait) {
    OidcDiscovery discovery = new OidcDiscovery(vertx, config);
    discovery.attempt(firstWait);
    return discovery;
  }

  /** The provider, once discovered. */
  public Optional<OAuth2Auth> provider() {
    return Optional.ofNullable(provider);
  }

  /** Completes when the provider has been discovered; it never fails, since discovery is retried. */
  public Future<OAuth2Auth> discovered() {
    return discovered.future();
  }

  public OidcConfig config() {
    return config;
  }

  private void attempt(Duration wait) {
    OAuth2Options options = new OAuth2Options()
        .setSite(config.issuer())
        .setClientId(config.clientId())
        .setClientSecret(config.clientSecret().isEmpty() ? null : config.clientSecret());
    OpenIDConnectAuth.discover(vertx, options)
        .onSuccess(found -> {
          provider = found;
          discovered.complete(found);
          LOG.info("OpenID Connect: discovered {}", config.issuer());
        })
        .onFailure(failure -> {
          // the cause's message names the URL and what went wrong; it never holds the client secret, which is
          // not sent during discovery
          LOG.warn("OpenID Connect: cannot discover {} ({}); token sign-in only, next attempt in {} ms", config.issuer(),
              failure.getMessage(), wait.toMillis());
          Duration next = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
          vertx.setTimer(wait.toMillis(), timer -> attempt(next));
        });
  }
}
