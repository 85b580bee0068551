package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.auth.credentials.TokenHasher;
import io.platz.common.auth.Identity;
import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleBus;
import io.platz.common.deployments.DeploymentsRequests.LocateDeployment;
import io.platz.common.json.Fields;
import io.platz.common.token.IssuedToken;
import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.NamedParameters;
import io.platz.persistence.sql.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived credentials for deployments ({@code pzd_}): with one, a running deployment acts on deployments of
 * its own env, within what the user or bot that minted it may maintain there. They expire on their own (one hour
 * by default), die with their deployment, when revoked, and when their minter may no longer mint them (V12).
 */
public final class DeploymentTokens {


  private final Pool pool;
  private final AuditTrail audit;
  private final CredentialEvictions evictions;
  private final TokenHasher hasher;
  private final ModuleBus bus;
  private final Duration lifetime;

  public DeploymentTokens(Pool pool, AuditTrail audit, CredentialEvictions evictions, TokenHasher hasher, ModuleBus bus,
                          Duration lifetime) {
    this.pool = pool;
    this.audit = audit;
    this.evictions = evictions;
    this.hasher = hasher;
    this.bus = bus;
    this.lifetime = lifetime;
  }

  /** Answers {@code {"id", "created_token", "expires_at"}}: the only moment the credential exists in clear. */
  public Future<JsonObject> create(Command command) {
    UUID deployment = Fields.parseUuid("id", command.params().getString("id"));
    Identity actor = command.actor();
    Instant expiresAt = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    IssuedToken token = TokenFormat.generate(TokenKind.DEPLOYMENT, UUID.randomUUID());
    UUID id = token.parts().id();
    return bus.ask(new LocateDeployment(deployment))
        .compose(where -> Tx.run(pool, tx -> insert(tx, NamedParameters.of().bind("id", id).bind("deployment_id", deployment)
                .bind("deployment_name", where.name()).bind("env_id", where.envId())
                .bind("user_id", actor.isUser() ? actor.id() : null).bind("bot_id", actor.isBot() ? actor.id() : null)
                .bind("secret_hash", Buffer.buffer(hasher.hash(token.parts())))
                .bind("expires_at", expiresAt.atOffset(ZoneOffset.UTC)))
            .compose(inserted -> audit.record(tx,
                AuditEvent.about(AuditEventType.DEPLOYMENT_TOKEN_CREATED, Actor.of(actor), id)
                    .inEnv(where.envId())
                    .with(new JsonObject().put("deployment_id", deployment.toString())
                        .put("expires_at", expiresAt.toString()))))))
        .map(recorded -> new JsonObject().put("id", id.toString()).put("created_token", token.value())
            .put("expires_at", expiresAt.toString()));
  }

  private static Future<RowSet<Row>> insert(Tx tx, NamedParameters token) {
    return tx.sql().preparedQuery(token.sql("""
            INSERT INTO deployment_tokens (id, deployment_id, deployment_name, env_id, created_by_user_id,
                                           created_by_bot_id, secret_hash, expires_at)
            VALUES (:id, :deployment_id, :deployment_name, :env_id, :user_id, :bot_id, :secret_hash, :expires_at)"""))
        .execute(token.values());
  }

  /**
   * Revokes one credential of the deployment ({@code params.id}, {@code params.token_id}); 404 when it is not that
   * deployment's or is already revoked, as for user and bot tokens. Effective before the answer, here and in other
   * processes. Whether the caller may (whoever may mint it) was decided before.
   */
  public Future<Void> revoke(Command command) {
    UUID deployment = Fields.parseUuid("id", command.params().getString("id"));
    UUID id = Fields.parseUuid("token_id", command.params().getString("token_id"));
    return Tx.run(pool, tx -> tx.sql().preparedQuery("""
            UPDATE deployment_tokens SET revoked_at = now()
            WHERE id = $1 AND deployment_id = $2 AND revoked_at IS NULL RETURNING env_id""")
        .execute(Tuple.of(id, deployment))
        .map(rows -> Rows.one(rows, "deployment credential").getUUID("env_id"))
        .compose(env -> audit.record(tx,
            AuditEvent.about(AuditEventType.DEPLOYMENT_TOKEN_REVOKED, Actor.of(command.actor()), id)
                .inEnv(env)
                .with(new JsonObject().put("deployment_id", deployment.toString()))))
        .compose(recorded -> evictions.tokens(tx, List.of(id))));
  }
}
