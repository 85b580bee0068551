package io.platz.common.permissions;

import java.util.Arrays;
import java.util.List;

/**
 * A role on a deployment kind within an env. {@code Owner}: any operation, creating and deleting deployments
 * included. {@code Maintainer}: edits deployments but does not create or delete them.
 */
public enum DeploymentRole {
  OWNER("Owner"),
  MAINTAINER("Maintainer");

  public static final List<String> NAMES = Arrays.stream(values()).map(DeploymentRole::jsonName).toList();

  private final String jsonName;

  DeploymentRole(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  /** Whether holding this role satisfies a requirement of {@code required}: an Owner may do what a Maintainer may. */
  public boolean covers(DeploymentRole required) {
    return this == OWNER || this == required;
  }

  public static DeploymentRole fromJson(String name) {
    return Arrays.stream(values()).filter(role -> role.jsonName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no deployment role " + name));
  }
}
