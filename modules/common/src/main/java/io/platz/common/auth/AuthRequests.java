package io.platz.common.auth;

import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleCommand;
import io.platz.common.bus.Operation;
import io.platz.common.bus.Request;
import io.platz.common.token.ParsedToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The auth module's bus contract: token verification, and the identity verticle's users, bots, tokens and console
 * sessions. A refusal fails with its status; every credential problem is the same 401.
 */
public final class AuthRequests {

  private AuthRequests() {
  }

  /**
   * → who the token's bearer is, or fails 401. The token travels parsed ({@link ParsedToken}: well formed, its
   * checksum right), as the API parsed it to refuse junk without a hop; a second parse here cost a cached check a
   * twentieth of its CPU. {@code cachedOnly}: the caller's source address is out of tries, so the token is verified
   * from the cache or refused, never looked up.
   */
  public record VerifyToken(ParsedToken token, boolean cachedOnly) implements Request<Verified> {
  }

  /**
   * A verified credential: its {@link Identity} as JSON (the request's principal), and the answer to
   * {@code GET /auth/me} ({@code {"User": ...}}, {@code {"Bot": ...}} or {@code {"Deployment": ...}}) encoded once
   * rather than on every request that asks it. Built once per cached credential and shared by every request that
   * presents it, so never changed.
   */
  public record Verified(JsonObject identity, Buffer me) {
  }

  /** → the user whose live user token this is, or fails 404: lets permissions decide on ownership. */
  public record UserTokenOwner(UUID tokenId) implements Request<UUID> {
  }

  /**
   * Drops every cached credential of a user, bot or deployment, and those it minted, in this process. Asked by
   * other modules after a change that kills credentials commits; other processes hear of it through the database.
   */
  public record EvictSubject(UUID subjectId) implements Request<Void> {
  }

  /**
   * The claims of an ID token the console verified → the user they name (contract §3's shape), found by subject,
   * linked by verified email or created; fails 403 for a deactivated person.
   */
  public record OidcSignIn(String issuer, String subject, String email, boolean emailVerified, String name)
      implements Request<JsonObject> {
  }

  /**
   * → {"secret"}: a console session of an active person, signed in with a live token of theirs ({@code tokenId},
   * may be null) or through the identity provider, ending the session it {@code replaces} (a secret, may be
   * null); fails 401 otherwise. The secret is the browser's cookie and exists nowhere else: the auth module keeps
   * only its keyed hash.
   */
  public record StartSession(UUID userId, UUID tokenId, String how, String from, String replaces)
      implements Request<JsonObject> {

    @Override
    public String toString() {
      return "StartSession[userId=" + userId + ", tokenId=" + tokenId + ", how=" + how + "]";
    }
  }

  /**
   * → {"identity", "me", "handle"} of a live session (as in {@link Verified}), {"ended": true} for one whose
   * token or person no longer is, {} for none. {@code use}: marks it used now, as a click does.
   */
  public record ResumeSession(String secret, boolean use) implements Request<JsonObject> {

    @Override
    public String toString() {
      return "ResumeSession[secret hidden, use=" + use + "]";
    }
  }

  /** → {"items"}: the sessions of the session's person, the asking one marked {@code current}. */
  public record ListSessions(String secret) implements Request<JsonObject> {

    @Override
    public String toString() {
      return "ListSessions[secret hidden]";
    }
  }

  /** → {"ended"}: signs the session out, or, given a {@code handle}, ends its person's session of that handle. */
  public record EndSession(String secret, String handle) implements Request<JsonObject> {

    @Override
    public String toString() {
      return "EndSession[secret hidden, handle=" + handle + "]";
    }
  }

  /** What the JSON API has the identity verticle do; lists answer {@code {page, per_page, num_total, items}}. */
  public enum AuthOperation implements Operation {
    USERS_LIST, USERS_GET, USERS_CREATE, USERS_UPDATE,
    /** {@code USER_TOKENS_CREATE} and {@code BOT_TOKENS_CREATE} answer {"id", "created_token"}: the token's only time in clear. */
    USER_TOKENS_LIST, USER_TOKENS_GET, USER_TOKENS_CREATE, USER_TOKENS_REVOKE,
    BOTS_LIST, BOTS_GET, BOTS_CREATE, BOTS_UPDATE, BOTS_DELETE,
    BOT_TOKENS_LIST, BOT_TOKENS_GET, BOT_TOKENS_CREATE, BOT_TOKENS_REVOKE,
    /** Create names a deployment ({@code params.id}) → {"created_token", "expires_at"}; revoke also {@code params.token_id}. */
    DEPLOYMENT_TOKENS_CREATE, DEPLOYMENT_TOKENS_REVOKE;

    @Override
    public AuthCommand with(Command command) {
      return new AuthCommand(this, command);
    }
  }

  public record AuthCommand(AuthOperation operation, Command command) implements ModuleCommand<AuthOperation> {
  }
}
