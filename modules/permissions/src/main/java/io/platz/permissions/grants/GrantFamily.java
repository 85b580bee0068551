package io.platz.permissions.grants;

import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import java.util.List;

/** Env roles and deployment roles are granted and removed alike; this is where they differ. */
public enum GrantFamily {
  ENV_ROLE("env_user_permissions", "EnvUserPermission", EnvRole.NAMES, false, "env_role"),
  DEPLOYMENT_ROLE("deployment_permissions", "DeploymentPermission", DeploymentRole.NAMES, true, "deployment_role");

  final String table;
  final String subjectType;
  final List<String> roles;
  final boolean perKind;
  final String eventPrefix;

  GrantFamily(String table, String subjectType, List<String> roles, boolean perKind, String eventPrefix) {
    this.table = table;
    this.subjectType = subjectType;
    this.roles = roles;
    this.perKind = perKind;
    this.eventPrefix = eventPrefix;
  }

  public String table() {
    return table;
  }

  String columns() {
    return "g.id, g.created_at, g.env_id, g.user_id, g.bot_id, " + (perKind ? "g.kind_id, " : "") + "g.role";
  }
}
