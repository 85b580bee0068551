package io.platz.auth;

import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.auth.credentials.LastUsedRecorder;
import io.platz.auth.credentials.TokenHasher;
import io.platz.auth.identities.AdminTokens;
import io.platz.auth.identities.BotCommands;
import io.platz.auth.identities.DeploymentTokens;
import io.platz.auth.identities.OidcSignIns;
import io.platz.auth.identities.TokenCommands;
import io.platz.auth.identities.TokenFamily;
import io.platz.auth.identities.UserCommands;
import io.platz.auth.sessions.ConsoleSessions;
import io.platz.common.bus.Addresses;
import io.platz.common.config.OidcConfig;
import io.platz.common.token.IssuedToken;
import io.platz.persistence.Listener;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages users, bots and their tokens, and the console's sessions; one instance per process. It also writes
 * {@code last_used_at} behind the auth verticles, listens for other processes' revocations, deletes idle console
 * sessions, and creates the first site admin of an empty database.
 */
public final class IdentityVerticle extends ModuleVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityVerticle.class);
  private static final long LAST_USED_FLUSH_MS = 10_000;
  private static final long SESSION_SWEEP_MS = 60_000;

  private final CredentialEvictions evictions;
  private final LastUsedRecorder lastUsed;
  private final TokenHasher hasher;
  private Listener revocations;
  private long flushTimer;
  private long sweepTimer;

  public IdentityVerticle(ModuleContext context, CredentialEvictions evictions, LastUsedRecorder lastUsed, TokenHasher hasher) {
    super(context);
    this.evictions = evictions;
    this.lastUsed = lastUsed;
    this.hasher = hasher;
  }

  @Override
  protected String healthAddress() {
    return Addresses.Auth.IDENTITY_HEALTH;
  }

  @Override
  protected Future<?> register() {
    AuditTrail audit = new AuditTrail(vertx, context.keys());
    UserCommands users = new UserCommands(pool, audit, evictions);
    BotCommands bots = new BotCommands(pool, audit, evictions);
    TokenCommands userTokens = new TokenCommands(TokenFamily.USER, pool, audit, evictions, hasher);
    TokenCommands botTokens = new TokenCommands(TokenFamily.BOT, pool, audit, evictions, hasher);

    serveCommand(Addresses.Auth.USERS_LIST, users::list);
    serveCommand(Addresses.Auth.USERS_GET, users::get);
    serveCommand(Addresses.Auth.USERS_CREATE, users::create);
    serveCommand(Addresses.Auth.USERS_UPDATE, users::update);
    serveCommand(Addresses.Auth.USER_TOKENS_LIST, userTokens::list);
    serveCommand(Addresses.Auth.USER_TOKENS_GET, userTokens::get);
    serveCommand(Addresses.Auth.USER_TOKENS_CREATE, userTokens::create);
    serveCommand(Addresses.Auth.USER_TOKENS_REVOKE, userTokens::revoke);
    serve(Addresses.Auth.USER_TOKENS_OWNER, userTokens::owner);
    serveCommand(Addresses.Auth.BOTS_LIST, bots::list);
    serveCommand(Addresses.Auth.BOTS_GET, bots::get);
    serveCommand(Addresses.Auth.BOTS_CREATE, bots::create);
    serveCommand(Addresses.Auth.BOTS_UPDATE, bots::update);
    serveCommand(Addresses.Auth.BOTS_DELETE, bots::delete);
    serveCommand(Addresses.Auth.BOT_TOKENS_LIST, botTokens::list);
    serveCommand(Addresses.Auth.BOT_TOKENS_GET, botTokens::get);
    serveCommand(Addresses.Auth.BOT_TOKENS_CREATE, botTokens::create);
    serveCommand(Addresses.Auth.BOT_TOKENS_REVOKE, botTokens::revoke);
    DeploymentTokens deploymentTokens = new DeploymentTokens(pool, audit, evictions, hasher, vertx.eventBus(),
        context.config().deploymentTokenTtl());
    serveCommand(Addresses.Auth.DEPLOYMENT_TOKENS_CREATE, deploymentTokens::create);
    serveCommand(Addresses.Auth.DEPLOYMENT_TOKENS_REVOKE, deploymentTokens::revoke);
    OidcSignIns oidc = new OidcSignIns(pool, users, audit,
        context.config().oidc().map(OidcConfig::adminEmails).orElse(List.of()));
    serve(Addresses.Auth.OIDC_SIGN_IN, oidc::signIn);
    ConsoleSessions sessions = new ConsoleSessions(pool, hasher, lastUsed, context.config().console().sessionsPerPerson(),
        context.config().console().sessionsMax(), context.metrics());
    serve(Addresses.Auth.CONSOLE_SESSIONS_START, sessions::start);
    serve(Addresses.Auth.CONSOLE_SESSIONS_RESUME, sessions::resume);
    serve(Addresses.Auth.CONSOLE_SESSIONS_LIST, sessions::list);
    serve(Addresses.Auth.CONSOLE_SESSIONS_END, sessions::end);
    serve(Addresses.Auth.EVICT_SUBJECT, request -> {
      evictions.evictLocally(UUID.fromString(request.getString("subject_id")));
      return Future.succeededFuture(new JsonObject());
    });

    flushTimer = vertx.setPeriodic(LAST_USED_FLUSH_MS, tick -> lastUsed.flush(pool)
        .onFailure(failure -> LOG.warn("could not write last_used_at: {}", failure.toString())));
    sweepTimer = vertx.setPeriodic(SESSION_SWEEP_MS, tick -> sessions.sweep()
        .onFailure(failure -> LOG.warn("could not delete idle console sessions: {}", failure.toString())));
    revocations = evictions.listen(vertx, context.notifications());
    AdminTokens admins = new AdminTokens(pool, users, userTokens, audit, evictions);
    return revocations.connect().compose(listening -> admins.firstAdmin(context.config().adminEmail()))
        .compose(this::writeInitialAdminToken);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(sweepTimer);
    return lastUsed.flush(pool)
        .onFailure(failure -> LOG.warn("could not write last_used_at on shutdown: {}", failure.toString()))
        .eventually(() -> revocations.close().otherwiseEmpty())
        .eventually(super::stop);
  }


  /** The log names the file, never the token; only the owner may read it. */
  private Future<Void> writeInitialAdminToken(Optional<IssuedToken> token) {
    if (token.isEmpty()) {
      return Future.succeededFuture();
    }
    Path file = context.config().dataDir().resolve("initial-admin-token");
    return vertx.executeBlocking(() -> {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token.get().value() + "\n", StandardCharsets.US_ASCII);
      return null;
    }).onSuccess(written -> LOG.info("created the first site admin {}; their API token is in {}",
        context.config().adminEmail(), file)).mapEmpty();
  }
}
