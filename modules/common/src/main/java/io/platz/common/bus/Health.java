package io.platz.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * "Are you ready?", asked of one module verticle: {"status": "UP"} once its database is reachable and migrated,
 * or fails 503. {@code GET /ready} asks every {@link Component}.
 */
public record Health(Component component) implements Request<JsonObject> {

  /** {@code /ready} answers within a load balancer's patience, even while a module is silent. */
  @Override
  public long timeoutMillis() {
    return 2_000;
  }

  /** The module verticles that answer {@link Health}; the names are the keys of {@code /ready}'s {@code checks}. */
  public enum Component {
    AUTH("platz.auth.health"),
    IDENTITY("platz.auth.identity.health"),
    PERMISSIONS("platz.permissions.health"),
    ACCESS("platz.permissions.access.health"),
    DEPLOYMENTS("platz.deployments.health"),
    AUDIT("platz.audit.health");

    private final String checkName;

    Component(String checkName) {
      this.checkName = checkName;
    }

    public String checkName() {
      return checkName;
    }
  }
}
