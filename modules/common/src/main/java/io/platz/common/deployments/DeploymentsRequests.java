package io.platz.common.deployments;

import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleCommand;
import io.platz.common.bus.Operation;
import io.platz.common.bus.Request;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The deployments module's bus contract: deployments and their tasks. */
public final class DeploymentsRequests {

  private DeploymentsRequests() {
  }

  /** → {"env_id", "kind_id", "name"} of a live deployment, or fails 404: for permission decisions. */
  public record LocateDeployment(UUID id) implements Request<JsonObject> {
  }

  /**
   * → {"deployment_id", "env_id", "kind_id", "status", "acting_user_id", "acting_bot_id", "acting_deployment_id"}
   * of a task, or fails 404: for permission decisions.
   */
  public record LocateTask(UUID id) implements Request<JsonObject> {
  }

  /** What the JSON API has the deployments module do. */
  public enum DeploymentsOperation implements Operation {
    LIST, GET, CREATE, UPDATE, DELETE,
    /** Cancel answers the canceled Pending task; advance moves a task's status forward ({"status", "reason"?}). */
    TASKS_LIST, TASKS_GET, TASKS_CREATE, TASKS_CANCEL, TASKS_ADVANCE;

    @Override
    public DeploymentsCommand with(Command command) {
      return new DeploymentsCommand(this, command);
    }
  }

  public record DeploymentsCommand(DeploymentsOperation operation, Command command) implements ModuleCommand<DeploymentsOperation> {
  }
}
