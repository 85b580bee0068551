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

    /** A command naming a deployment ({@code params.id}) → {"created_token", "expires_at"}. */
    public static final String DEPLOYMENT_TOKENS_CREATE = "platz.auth.deployment-tokens.create";
    /** A command naming a deployment and one of its credentials ({@code params.id}, {@code params.token_id}). */
    public static final String DEPLOYMENT_TOKENS_REVOKE = "platz.auth.deployment-tokens.revoke";
    /**
     * {"subject_id"} → {}: drops every cached credential of that user, bot or deployment, and those it minted, in
     * this process. Sent
     * local-only by other modules after a change that kills credentials commits; other processes hear of it
     * through the database.
     */
    public static final String EVICT_SUBJECT = "platz.auth.evict-subject";
    /**
     * {"issuer", "subject", "email", "email_verified", "name"} of an ID token the console verified → the user it
     * names, found by subject, linked by verified email or created; fails 403 for a deactivated person.
     */
    public static final String OIDC_SIGN_IN = "platz.auth.oidc.sign-in";
    /**
     * {"user_id", "token_id"?, "how", "from", "replaces"?} → {"secret"}: a console session of an active person,
     * signed in with a live token of theirs (by id) or through the identity provider; fails 401 otherwise. The secret
     * is the browser's cookie and exists nowhere else: the auth module keeps only its keyed hash.
     */
    public static final String CONSOLE_SESSIONS_START = "platz.auth.console-sessions.start";
    /**
     * {"secret", "use"} → {"identity", "me", "handle"} of a live session (as {@link #VERIFY} answers), {"ended": true}
     * for one whose token or person no longer is, {} for none.
     */
    public static final String CONSOLE_SESSIONS_RESUME = "platz.auth.console-sessions.resume";
    /** {"secret"} → {"items"}: the sessions of the session's person, the asking one marked {@code current}. */
    public static final String CONSOLE_SESSIONS_LIST = "platz.auth.console-sessions.list";
    /** {"secret", "handle"?} → {"ended"}: signs the session out, or ends its person's session of that handle. */
    public static final String CONSOLE_SESSIONS_END = "platz.auth.console-sessions.end";

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
    /**
     * A command whose body is {"checks": [{"action", target ids}]} → {"results": [{"allowed", "reason"}]}: the
     * actor's own access, decided by the same rules as {@link #DECIDE}; fails 400 for a malformed check.
     */
    public static final String CHECK = "platz.permissions.check";
    /** {} → {"status": "UP"}, or fails 503: the verticle that manages envs, kinds and grants. */
    public static final String ACCESS_HEALTH = "platz.permissions.access.health";

    public static final String ENVS_LIST = "platz.permissions.envs.list";
    public static final String ENVS_GET = "platz.permissions.envs.get";
    public static final String ENVS_CREATE = "platz.permissions.envs.create";
    public static final String ENVS_UPDATE = "platz.permissions.envs.update";
    public static final String ENVS_DELETE = "platz.permissions.envs.delete";

    public static final String ENV_ROLES_LIST = "platz.permissions.env-user-permissions.list";
    public static final String ENV_ROLES_GET = "platz.permissions.env-user-permissions.get";
    public static final String ENV_ROLES_GRANT = "platz.permissions.env-user-permissions.create";
    public static final String ENV_ROLES_REMOVE = "platz.permissions.env-user-permissions.delete";

    public static final String KINDS_LIST = "platz.permissions.deployment-kinds.list";
    public static final String KINDS_GET = "platz.permissions.deployment-kinds.get";
    public static final String KINDS_CREATE = "platz.permissions.deployment-kinds.create";
    public static final String KINDS_UPDATE = "platz.permissions.deployment-kinds.update";
    public static final String KINDS_DELETE = "platz.permissions.deployment-kinds.delete";

    public static final String DEPLOYMENT_ROLES_LIST = "platz.permissions.deployment-permissions.list";
    public static final String DEPLOYMENT_ROLES_GET = "platz.permissions.deployment-permissions.get";
    public static final String DEPLOYMENT_ROLES_GRANT = "platz.permissions.deployment-permissions.create";
    public static final String DEPLOYMENT_ROLES_REMOVE = "platz.permissions.deployment-permissions.delete";

    private Permissions() {
    }
  }

  /** Deployments and deployment tasks. */
  public static final class Deployments {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.deployments.health";

    public static final String LIST = "platz.deployments.list";
    public static final String GET = "platz.deployments.get";
    public static final String CREATE = "platz.deployments.create";
    public static final String UPDATE = "platz.deployments.update";
    public static final String DELETE = "platz.deployments.delete";
    /** {"id"} → {"env_id", "kind_id", "name"} of a live deployment, or fails 404: for permission decisions. */
    public static final String LOCATE = "platz.deployments.locate";

    public static final String TASKS_LIST = "platz.deployments.tasks.list";
    public static final String TASKS_GET = "platz.deployments.tasks.get";
    public static final String TASKS_CREATE = "platz.deployments.tasks.create";
    /** Cancels a Pending task; answers the canceled task. */
    public static final String TASKS_CANCEL = "platz.deployments.tasks.cancel";
    /** Moves a task's status forward ({"status", "reason"?}); answers the task. */
    public static final String TASKS_ADVANCE = "platz.deployments.tasks.advance";
    /**
     * {"id"} → {"deployment_id", "env_id", "kind_id", "status", "acting_user_id", "acting_bot_id",
     * "acting_deployment_id"} of a task, or fails 404: for permission decisions.
     */
    public static final String TASKS_LOCATE = "platz.deployments.tasks.locate";

    private Deployments() {
    }
  }

  /** The audit trail. */
  public static final class Audit {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.audit.health";
    /** Published (no body) after a transaction that recorded audit events commits: wakes the sequencer. */
    public static final String APPENDED = "platz.audit.appended";
    /**
     * Every committed audit event, published as JSON in {@code seq} order, at least once: also after a crash
     * between a commit and its publication. Consumers deduplicate on {@code seq}.
     */
    public static final String EVENTS = "platz.audit.events";
    /** A command: the audit events the caller may see, filtered and paged. */
    public static final String LIST = "platz.audit.list";

    private Audit() {
    }
  }

  /** Between the instances of a cluster; only a clustered process serves these. */
  public static final class Cluster {
    /**
     * Local only: {} → {} once every instance of the cluster has applied every cache eviction committed before the
     * request (or did not answer in time, which is logged and counted). Sent after each write transaction commits.
     */
    public static final String BARRIER = "platz.cluster.barrier";

    private Cluster() {
    }

    /** Cluster-wide, one per instance: {} → {} once this instance has applied every eviction committed before. */
    public static String barrierOf(String nodeId) {
      return BARRIER + "." + nodeId;
    }
  }

  /** The health addresses that {@code GET /ready} asks, one per module verticle. */
  public static final List<String> HEALTH_CHECKS =
      List.of(Auth.HEALTH, Auth.IDENTITY_HEALTH, Permissions.HEALTH, Permissions.ACCESS_HEALTH, Deployments.HEALTH, Audit.HEALTH);
}
