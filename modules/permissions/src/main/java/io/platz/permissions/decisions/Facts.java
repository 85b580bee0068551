package io.platz.permissions.decisions;

import io.platz.common.auth.IdentityKind;
import io.platz.common.deployments.TaskOperation;
import io.platz.common.permissions.DeploymentRole;
import io.platz.permissions.grants.GrantSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What a rule looks at beside the question, loaded by {@link FactLoader} before any rule runs. */
public final class Facts {

  private Facts() {
  }

  /** An existing deployment's place, with the grants of whoever asks. */
  public record Placed(GrantSet grants, UUID env, UUID kind) {
  }

  /**
   * A task asked for: where its deployment is, and the role its operation needs there, empty when the kind has no
   * action of that name (said only to someone who sees the deployment).
   */
  public record NewTask(Placed where, TaskOperation operation, Optional<DeploymentRole> required) {
  }

  /** An existing task: where it runs, the deployment it is for, and who created it (no one, once they are gone). */
  public record Task(Placed where, UUID deployment, Map<IdentityKind, UUID> createdBy) {
  }

  /** An env role or deployment role row: its env and whom it is granted to, with the grants of whoever asks. */
  public record GrantRow(GrantSet grants, UUID env, UUID subject) {
  }
}
