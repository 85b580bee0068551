package io.platz.permissions.grants;

import io.platz.audit.api.AuditEventType;
import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import java.util.List;

/** Env roles and deployment roles are granted and removed alike; this is where they differ. */
public enum GrantFamily {
  ENV_ROLE("env_user_permissions", EnvRole.NAMES, false, AuditEventType.ENV_ROLE_GRANTED, AuditEventType.ENV_ROLE_REMOVED),
  DEPLOYMENT_ROLE("deployment_permissions", DeploymentRole.NAMES, true, AuditEventType.DEPLOYMENT_ROLE_GRANTED,
      AuditEventType.DEPLOYMENT_ROLE_REMOVED);

  final String table;
  final List<String> roles;
  final boolean perKind;
  final AuditEventType granted;
  final AuditEventType removed;

  GrantFamily(String table, List<String> roles, boolean perKind, AuditEventType granted, AuditEventType removed) {
    this.table = table;
    this.roles = roles;
    this.perKind = perKind;
    this.granted = granted;
    this.removed = removed;
  }

  public String table() {
    return table;
  }

  String columns() {
    return "g.id, g.created_at, g.env_id, g.user_id, g.bot_id, " + (perKind ? "g.kind_id, " : "") + "g.role";
  }
}
