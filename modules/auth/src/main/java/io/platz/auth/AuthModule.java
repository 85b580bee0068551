package io.platz.auth;

import io.platz.auth.credentials.CredentialCache;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.auth.credentials.LastUsedRecorder;
import io.platz.auth.credentials.TokenHasher;
import io.platz.persistence.ModuleContext;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The auth module's verticles and what they share in this process: the cache of verified credentials, the
 * pending {@code last_used_at} writes and the token hasher. Auth verticles (one per core) verify; the identity
 * verticle (one) manages and evicts.
 */
public final class AuthModule {

  private AuthModule() {
  }

  /** Deploys the module; answers the deployment ids, to undeploy in reverse order. */
  public static Future<List<String>> deploy(Vertx vertx, ModuleContext context, int verifiers) {
    CredentialCache cache = new CredentialCache(context.config().authCacheSize(), context.config().authCacheMaxAge());
    LastUsedRecorder lastUsed = new LastUsedRecorder();
    TokenHasher hasher = new TokenHasher(context.keys().tokenKey());
    CredentialEvictions evictions = new CredentialEvictions(cache);
    return vertx.deployVerticle(() -> new IdentityVerticle(context, evictions, lastUsed, hasher), new DeploymentOptions())
        .compose(identity -> vertx.deployVerticle(() -> new AuthVerticle(context, cache, lastUsed, hasher),
                new DeploymentOptions().setInstances(verifiers))
            .map(verifier -> List.of(identity, verifier)));
  }
}
