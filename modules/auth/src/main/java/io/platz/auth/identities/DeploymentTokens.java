package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventTypes;
import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.TokenHasher;
import io.platz.common.auth.Identity;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.Command;
import io.platz.common.json.Fields;
import io.platz.common.token.IssuedToken;
import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Short-lived credentials for deployments ({@code pzd_}): with one, a running deployment acts on deployments of
 * its own env. They expire on their own (one hour by default) and die with their deployment.
 */
public final class DeploymentTokens {

  private final Pool pool;
  private final AuditTrail audit;
  private final TokenHasher hasher;
  private final EventBus bus;
  private final Duration lifetime;

  public DeploymentTokens(Pool pool, AuditTrail audit, TokenHasher hasher, EventBus bus, Duration lifetime) {
    this.pool = pool;
    this.audit = audit;
    this.hasher = hasher;
    this.bus = bus;
    this.lifetime = lifetime;
  }

  /** Answers {@code {"created_token", "expires_at"}}: the only moment the credential exists in clear. */
  public Future<JsonObject> create(Command command) {
    UUID deployment = Fields.parseUuid("id", command.params().getString("id"));
    Identity actor = command.actor();
    Instant expiresAt = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    IssuedToken token = TokenFormat.generate(TokenKind.DEPLOYMENT, UUID.randomUUID());
    UUID id = token.parts().id();
    return bus.<JsonObject>request(Addresses.Deployments.LOCATE, new JsonObject().put("id", deployment.toString()))
        .map(reply -> reply.body())
        .compose(where -> Tx.run(pool, tx -> tx.sql().preparedQuery("""
                INSERT INTO deployment_tokens (id, deployment_id, deployment_name, env_id, created_by_user_id, secret_hash,
                                               expires_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
            .execute(Tuple.of(id, deployment, where.getString("name"), UUID.fromString(where.getString("env_id")),
                actor.isUser() ? actor.id() : null, Buffer.buffer(hasher.hash(token.parts())), expiresAt.atOffset(ZoneOffset.UTC)))
            .compose(inserted -> audit.record(tx, new AuditEvent(AuditEventTypes.DEPLOYMENT_TOKEN_CREATED, Actor.of(actor),
                UUID.fromString(where.getString("env_id")), "DeploymentToken", id,
                new JsonObject().put("deployment_id", deployment.toString()).put("expires_at", expiresAt.toString()))))))
        .map(recorded -> new JsonObject().put("created_token", token.value()).put("expires_at", expiresAt.toString()));
  }
}
