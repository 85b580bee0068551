package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.auth.credentials.CredentialCache;
import io.platz.auth.credentials.CredentialEvictions;
import io.platz.auth.credentials.TokenHasher;
import io.platz.common.token.IssuedToken;
import io.platz.persistence.ServerKeys;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * Site-admin tokens issued by the system itself: the first admin of an empty database, and
 * {@code platz admin create-token} for automation and recovery. Both act as the "System" actor in the audit trail.
 */
public final class AdminTokens {

  /** One at a time across every instance on the database, so two first starts cannot both create an admin. */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('platz.admin-tokens'))";

  private final Pool pool;
  private final UserCommands users;
  private final TokenCommands userTokens;
  private final AuditTrail audit;
  private final CredentialEvictions evictions;

  public AdminTokens(Pool pool, UserCommands users, TokenCommands userTokens, AuditTrail audit, CredentialEvictions evictions) {
    this.pool = pool;
    this.users = users;
    this.userTokens = userTokens;
    this.audit = audit;
    this.evictions = evictions;
  }

  /**
   * For the command line: a process of its own with no credential cache, whose revocations still reach running
   * servers on the same database through the database.
   */
  public static AdminTokens standalone(Vertx vertx, Pool pool, ServerKeys keys) {
    AuditTrail audit = new AuditTrail(vertx, keys);
    CredentialEvictions evictions = new CredentialEvictions(new CredentialCache(1));
    return new AdminTokens(pool, new UserCommands(pool, audit, evictions),
        new TokenCommands(TokenFamily.USER, pool, audit, evictions, new TokenHasher(keys.tokenKey())), audit, evictions);
  }

  /** On a database without users: a site admin with this email and a token for it. Otherwise nothing. */
  public Future<Optional<IssuedToken>> firstAdmin(String email) {
    return Tx.run(pool, tx -> tx.sql().query(LOCK).execute()
        .compose(locked -> tx.sql().query("SELECT EXISTS (SELECT 1 FROM users) AS any").execute())
        .compose(rows -> rows.iterator().next().getBoolean("any")
            ? Future.succeededFuture(Optional.<IssuedToken>empty())
            : issue(tx, email).map(Optional::of)));
  }

  /** A new token for the site admin with this email, who is created, promoted or reactivated as needed. */
  public Future<IssuedToken> createToken(String email) {
    String address = UserCommands.email(email);
    return Tx.run(pool, tx -> tx.sql().query(LOCK).execute().compose(locked -> issue(tx, address)));
  }

  private Future<IssuedToken> issue(Tx tx, String email) {
    return tx.sql().preparedQuery("SELECT * FROM users WHERE lower(email) = lower($1) FOR UPDATE").execute(Tuple.of(email))
        .compose(rows -> rows.size() == 0
            ? users.insert(tx, nameOf(email), email, true, Actor.SYSTEM).map(user -> UUID.fromString(user.getString("id")))
            : ensureActiveAdmin(tx, rows.iterator().next()))
        .compose(userId -> userTokens.insert(tx, userId, null, null, Actor.SYSTEM));
  }

  private Future<UUID> ensureActiveAdmin(Tx tx, Row user) {
    UUID id = user.getUUID("id");
    if (user.getBoolean("is_admin") && user.getBoolean("is_active")) {
      return Future.succeededFuture(id);
    }
    JsonObject changes = new JsonObject();
    if (!user.getBoolean("is_admin")) {
      changes.put("is_admin", new JsonArray().add(false).add(true));
    }
    if (!user.getBoolean("is_active")) {
      changes.put("is_active", new JsonArray().add(false).add(true));
    }
    return tx.sql().preparedQuery("UPDATE users SET is_admin = true, is_active = true WHERE id = $1").execute(Tuple.of(id))
        .compose(done -> audit.record(tx, AuditEvent.about(AuditEventType.USER_UPDATED, Actor.SYSTEM, id)
            .with(new JsonObject().put("changes", changes).put("tokens_revoked", 0))))
        .compose(recorded -> evictions.subject(tx, id))
        .map(id);
  }

  private static String nameOf(String email) {
    String local = email.substring(0, email.indexOf('@'));
    return local.isBlank() ? "Administrator" : local;
  }
}
