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
import io.platz.common.auth.AuthRequests.AuthCommand;
import io.platz.common.auth.AuthRequests.EndSession;
import io.platz.common.auth.AuthRequests.EvictSubject;
import io.platz.common.auth.AuthRequests.ListSessions;
import io.platz.common.auth.AuthRequests.OidcSignIn;
import io.platz.common.auth.AuthRequests.ResumeSession;
import io.platz.common.auth.AuthRequests.StartSession;
import io.platz.common.auth.AuthRequests.UserTokenOwner;
import io.platz.common.bus.Health;
import io.platz.common.config.OidcConfig;
import io.platz.common.token.IssuedToken;
import io.platz.persistence.Listener;
import io.platz.persistence.ModuleContext;
import io.platz.persistence.ModuleVerticle;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
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
  protected Health.Component component() {
    return Health.Component.IDENTITY;
  }

  @Override
  protected Future<?> register() {
    AuditTrail audit = new AuditTrail(vertx, context.keys());
    UserCommands users = new UserCommands(pool, audit, evictions);
    BotCommands bots = new BotCommands(pool, audit, evictions);
    TokenCommands userTokens = new TokenCommands(TokenFamily.USER, pool, audit, evictions, hasher);
    TokenCommands botTokens = new TokenCommands(TokenFamily.BOT, pool, audit, evictions, hasher);

    DeploymentTokens deploymentTokens = new DeploymentTokens(pool, audit, evictions, hasher, bus,
        context.config().deploymentTokenTtl());
    serveCommands(AuthCommand.class, (operation, command) -> switch (operation) {
      case USERS_LIST -> users.list(command);
      case USERS_GET -> users.get(command);
      case USERS_CREATE -> users.create(command);
      case USERS_UPDATE -> users.update(command);
      case USER_TOKENS_LIST -> userTokens.list(command);
      case USER_TOKENS_GET -> userTokens.get(command);
      case USER_TOKENS_CREATE -> userTokens.create(command);
      case USER_TOKENS_REVOKE -> userTokens.revoke(command);
      case BOTS_LIST -> bots.list(command);
      case BOTS_GET -> bots.get(command);
      case BOTS_CREATE -> bots.create(command);
      case BOTS_UPDATE -> bots.update(command);
      case BOTS_DELETE -> bots.delete(command);
      case BOT_TOKENS_LIST -> botTokens.list(command);
      case BOT_TOKENS_GET -> botTokens.get(command);
      case BOT_TOKENS_CREATE -> botTokens.create(command);
      case BOT_TOKENS_REVOKE -> botTokens.revoke(command);
      case DEPLOYMENT_TOKENS_CREATE -> deploymentTokens.create(command);
      case DEPLOYMENT_TOKENS_REVOKE -> deploymentTokens.revoke(command);
    });
    serve(UserTokenOwner.class, request -> userTokens.owner(request.tokenId()));
    OidcSignIns oidc = new OidcSignIns(pool, users, audit,
        context.config().oidc().map(OidcConfig::adminEmails).orElse(List.of()));
    serve(OidcSignIn.class, oidc::signIn);
    ConsoleSessions sessions = new ConsoleSessions(pool, hasher, lastUsed, context.config().console().sessionsPerPerson(),
        context.config().console().sessionsMax(), context.metrics());
    serve(StartSession.class, sessions::start);
    serve(ResumeSession.class, sessions::resume);
    serve(ListSessions.class, sessions::list);
    serve(EndSession.class, sessions::end);
    serve(EvictSubject.class, request -> {
      evictions.evictLocally(request.subjectId());
      return Future.succeededFuture();
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
