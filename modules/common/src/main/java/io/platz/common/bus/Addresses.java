package io.platz.common.bus;

import java.util.List;

/**
 * Every event-bus address of Platz, in one place. Requests and replies are JSON objects; a failed request is
 * answered with {@code fail(status, message)} where status is the HTTP status the failure maps to.
 */
public final class Addresses {

  private Addresses() {
  }

  /**
   * Token verification and the identities behind tokens: users, bots and their credentials. Management addresses
   * take a {@link Command}; lists answer {@code {page, per_page, num_total, items}}.
   */
  public static final class Auth {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.auth.health";
    /** {} → {"status": "UP"}, or fails 503: the verticle that manages identities. */
    public static final String IDENTITY_HEALTH = "platz.auth.identity.health";
    /** {"token"} → {"identity": Identity, "me": the public User or Bot}, or fails 401 (always the same message). */
    public static final String VERIFY = "platz.auth.verify";

    public static final String USERS_LIST = "platz.auth.users.list";
    public static final String USERS_GET = "platz.auth.users.get";
    public static final String USERS_CREATE = "platz.auth.users.create";
    public static final String USERS_UPDATE = "platz.auth.users.update";

    public static final String USER_TOKENS_LIST = "platz.auth.user-tokens.list";
    public static final String USER_TOKENS_GET = "platz.auth.user-tokens.get";
    /** → {"id", "created_token"}: the only time the token exists in clear. */
    public static final String USER_TOKENS_CREATE = "platz.auth.user-tokens.create";
    public static final String USER_TOKENS_REVOKE = "platz.auth.user-tokens.revoke";
    /** {"id"} → {"user_id"} of a live user token, or fails 404: lets permissions decide on ownership. */
    public static final String USER_TOKENS_OWNER = "platz.auth.user-tokens.owner";

    public static final String BOTS_LIST = "platz.auth.bots.list";
    public static final String BOTS_GET = "platz.auth.bots.get";
    public static final String BOTS_CREATE = "platz.auth.bots.create";
    public static final String BOTS_UPDATE = "platz.auth.bots.update";
    public static final String BOTS_DELETE = "platz.auth.bots.delete";

    public static final String BOT_TOKENS_LIST = "platz.auth.bot-tokens.list";
    public static final String BOT_TOKENS_GET = "platz.auth.bot-tokens.get";
    /** → {"id", "created_token"}: the only time the token exists in clear. */
    public static final String BOT_TOKENS_CREATE = "platz.auth.bot-tokens.create";
    public static final String BOT_TOKENS_REVOKE = "platz.auth.bot-tokens.revoke";

    private Auth() {
    }
  }

  /** Envs, deployment kinds, grants, and the decisions made from them. */
  public static final class Permissions {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.permissions.health";
    /**
     * {"identity", "action", "params", "body"} → {"scope": Scope} for reads, {} for anything else allowed;
     * fails 403 (not allowed), 404 (not visible to the caller) or 400 (the request does not say what it acts on).
     */
    public static final String DECIDE = "platz.permissions.decide";

    private Permissions() {
    }
  }

  /** Deployments and deployment tasks. */
  public static final class Deployments {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.deployments.health";

    private Deployments() {
    }
  }

  /** The audit trail. */
  public static final class Audit {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.audit.health";
    /** Published (no body) after a transaction that recorded audit events commits: wakes the sequencer. */
    public static final String APPENDED = "platz.audit.appended";

    private Audit() {
    }
  }

  /** The health addresses that {@code GET /ready} asks, one per module verticle. */
  public static final List<String> HEALTH_CHECKS =
      List.of(Auth.HEALTH, Auth.IDENTITY_HEALTH, Permissions.HEALTH, Deployments.HEALTH, Audit.HEALTH);
}
