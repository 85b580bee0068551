package io.platz.common.bus;

import java.util.List;

/**
 * Every event-bus address of Platz, in one place. Requests and replies are JSON objects; a failed request is
 * answered with {@code fail(status, message)} where status is the HTTP status the failure maps to.
 */
public final class Addresses {

  private Addresses() {
  }

  /** Token verification and the identities behind tokens: users, bots and their credentials. */
  public static final class Auth {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.auth.health";

    private Auth() {
    }
  }

  /** Envs, deployment kinds, grants, and the decisions made from them. */
  public static final class Permissions {
    /** {} → {"status": "UP"}, or fails 503. */
    public static final String HEALTH = "platz.permissions.health";

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

    private Audit() {
    }
  }

  /** The health addresses that {@code GET /ready} asks, one per module verticle. */
  public static final List<String> HEALTH_CHECKS =
      List.of(Auth.HEALTH, Permissions.HEALTH, Deployments.HEALTH, Audit.HEALTH);
}
