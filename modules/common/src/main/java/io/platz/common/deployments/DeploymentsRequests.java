package io.platz.common.deployments;

import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleCommand;
import io.platz.common.bus.Operation;
import io.platz.common.bus.Request;
import io.platz.common.auth.IdentityKind;
import java.util.Map;
import java.util.UUID;

/** The deployments module's bus contract: deployments and their tasks. */
public final class DeploymentsRequests {

  private DeploymentsRequests() {
  }

  /** → where a live deployment is, or fails 404: for permission decisions and for minting its credentials. */
  public record LocateDeployment(UUID id) implements Request<DeploymentPlace> {
  }

  public record DeploymentPlace(UUID envId, UUID kindId, String name) {
  }

  /** → where a task is and who asked for it, or fails 404: for permission decisions. */
  public record LocateTask(UUID id) implements Request<TaskPlace> {
  }

  /** {@code createdBy}: who created the task, at most one identity of each kind (a user, a bot, a deployment). */
  public record TaskPlace(UUID deploymentId, UUID envId, UUID kindId, Map<IdentityKind, UUID> createdBy) {

    public TaskPlace {
      createdBy = Map.copyOf(createdBy);
    }
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
