package io.platz.auth.identities;

import io.platz.audit.api.Actor;
import io.platz.audit.api.AuditEvent;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.common.auth.AuthRequests.OidcSignIn;
import io.platz.common.error.ApiError;
import io.platz.persistence.DbErrors;
import io.platz.persistence.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * People who sign in through the organisation's OpenID Connect provider. A person is found by the provider's
 * subject under its issuer; at their first sign-in they are linked to the person a site admin provisioned with
 * their email, only when the provider vouches for that email, or else created. What the first sign-in does is
 * recorded by {@code System}: no person asked for it.
 */
public final class OidcSignIns {

  public static final String DEACTIVATED = "This person is deactivated in Platz. Ask a site admin to reactivate them.";

  private final Pool pool;
  private final UserCommands users;
  private final AuditTrail audit;
  private final List<String> adminEmails;

  /** {@code adminEmails}, lower-cased: who becomes a site admin when created here. */
  public OidcSignIns(Pool pool, UserCommands users, AuditTrail audit, List<String> adminEmails) {
    this.pool = pool;
    this.users = users;
    this.audit = audit;
    this.adminEmails = adminEmails;
  }

  /** The claims of a verified ID token → the user they name (contract §3's shape). */
  public Future<JsonObject> signIn(OidcSignIn claims) {
    // refused inside the transaction: a deactivated person's first sign-in links nothing
    return Tx.run(pool, tx -> linked(tx, claims.issuer(), claims.subject())
            .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : firstSignIn(tx, claims))
            .map(OidcSignIns::active))
        .recover(failure -> Future.failedFuture(DbErrors.isUniqueViolation(failure)
            ? ApiError.conflict("This person is already linked to another account at your identity provider.") : failure));
  }

  private static Future<Optional<JsonObject>> linked(Tx tx, String issuer, String subject) {
    return tx.sql().preparedQuery("""
            SELECT u.* FROM user_oidc_identities i JOIN users u ON u.id = i.user_id
            WHERE i.issuer = $1 AND i.subject = $2""")
        .execute(Tuple.of(issuer, subject))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Users.toJson(rows.iterator().next())));
  }

  /**
   * An email the provider has not verified could be anyone's: it never links to a provisioned person, and never
   * makes a site admin.
   */
  private Future<JsonObject> firstSignIn(Tx tx, OidcSignIn claims) {
    String email = claims.email();
    if (email == null || email.isBlank()) {
      throw ApiError.forbidden("Your identity provider did not share your email address, which Platz needs to know "
          + "who you are. Ask its admin to release the email claim to Platz.");
    }
    boolean verified = claims.emailVerified();
    return tx.sql().preparedQuery("SELECT * FROM users WHERE lower(email) = lower($1) FOR UPDATE").execute(Tuple.of(email))
        .compose(rows -> {
          if (rows.size() == 0) {
            return create(tx, claims, email, verified);
          }
          if (!verified) {
            throw ApiError.forbidden("A person with the email " + email + " is already in Platz, but your identity "
                + "provider has not verified that this address is yours, so you cannot sign in as them.");
          }
          return Future.succeededFuture(active(Users.toJson(rows.iterator().next())));
        })
        .compose(user -> link(tx, user, claims).map(user));
  }

  private Future<JsonObject> create(Tx tx, OidcSignIn claims, String email, boolean verified) {
    String name = claims.name() == null ? "" : claims.name().strip();
    String displayName = name.isEmpty() || name.length() > 200 ? email : name;
    boolean admin = verified && adminEmails.contains(email.toLowerCase(Locale.ROOT));
    return users.insert(tx, displayName, UserCommands.email(email), admin, Actor.SYSTEM);
  }

  private Future<Void> link(Tx tx, JsonObject user, OidcSignIn claims) {
    UUID id = UUID.fromString(user.getString("id"));
    JsonObject identity = new JsonObject().put("issuer", claims.issuer()).put("subject", claims.subject());
    return tx.sql().preparedQuery("INSERT INTO user_oidc_identities (issuer, subject, user_id) VALUES ($1, $2, $3)")
        .execute(Tuple.of(identity.getString("issuer"), identity.getString("subject"), id))
        .compose(inserted -> audit.record(tx, AuditEvent.about(AuditEventType.USER_UPDATED, Actor.SYSTEM, id)
            .with(new JsonObject().put("changes",
                new JsonObject().put("oidc_identity", new JsonArray().addNull().add(identity))))))
        .mapEmpty();
  }

  private static JsonObject active(JsonObject user) {
    if (!user.getBoolean("is_active")) {
      throw ApiError.forbidden(DEACTIVATED);
    }
    return user;
  }
}
