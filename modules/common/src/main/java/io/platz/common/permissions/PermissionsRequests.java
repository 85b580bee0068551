package io.platz.common.permissions;

import io.platz.common.auth.Identity;
import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleCommand;
import io.platz.common.bus.Operation;
import io.platz.common.bus.Request;
import io.vertx.core.json.JsonObject;

/** The permissions module's bus contract: decisions, access checks, and the envs, kinds and grants it manages. */
public final class PermissionsRequests {

  private PermissionsRequests() {
  }

  /**
   * May {@code identity} do {@code action} on what the path and query ({@code params}, strings) and the body name?
   * Fails 403 (not allowed), 404 (not visible to the caller) or 400 (the request does not say what it acts on).
   */
  public record Decide(Identity identity, Action action, JsonObject params, JsonObject body) implements Request<Decision> {
  }

  /** Allowed: for a read, what the caller may see ({@code scope}); null for anything else. */
  public record Decision(Scope scope) {
  }

  /** What the JSON API has the permissions verticle do. */
  public enum PermissionsOperation implements Operation {
    /**
     * A body {"checks": [{"action", target ids}]} → {"results": [{"allowed", "reason"}]}: the actor's own access,
     * decided by the same rules as {@link Decide}; fails 400 for a malformed check.
     */
    CHECK;

    @Override
    public PermissionsCommand with(Command command) {
      return new PermissionsCommand(this, command);
    }
  }

  public record PermissionsCommand(PermissionsOperation operation, Command command) implements ModuleCommand<PermissionsOperation> {
  }

  /** What the JSON API has the access verticle, which manages envs, kinds and grants, do. */
  public enum AccessOperation implements Operation {
    ENVS_LIST, ENVS_GET, ENVS_CREATE, ENVS_UPDATE, ENVS_DELETE,
    ENV_ROLES_LIST, ENV_ROLES_GET, ENV_ROLES_GRANT, ENV_ROLES_REMOVE,
    KINDS_LIST, KINDS_GET, KINDS_CREATE, KINDS_UPDATE, KINDS_DELETE,
    DEPLOYMENT_ROLES_LIST, DEPLOYMENT_ROLES_GET, DEPLOYMENT_ROLES_GRANT, DEPLOYMENT_ROLES_REMOVE;

    @Override
    public AccessCommand with(Command command) {
      return new AccessCommand(this, command);
    }
  }

  public record AccessCommand(AccessOperation operation, Command command) implements ModuleCommand<AccessOperation> {
  }
}
