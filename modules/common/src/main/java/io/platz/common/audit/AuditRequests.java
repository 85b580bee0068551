package io.platz.common.audit;

import io.platz.common.bus.Command;
import io.platz.common.bus.ModuleCommand;
import io.platz.common.bus.Operation;

/**
 * The audit module's bus contract. Its events are also published, as JSON, on the public address
 * {@link io.platz.common.bus.Addresses#AUDIT_EVENTS}.
 */
public final class AuditRequests {

  private AuditRequests() {
  }

  /** What the JSON API has the audit module do. */
  public enum AuditOperation implements Operation {
    /** The audit events the caller may see, filtered and paged. */
    LIST;

    @Override
    public AuditCommand with(Command command) {
      return new AuditCommand(this, command);
    }
  }

  public record AuditCommand(AuditOperation operation, Command command) implements ModuleCommand<AuditOperation> {
  }
}
