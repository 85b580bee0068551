package io.platz.common.permissions;

import io.platz.common.json.Word;
import java.util.List;

/**
 * A role on a deployment kind within an env. {@code Owner}: any operation, creating and deleting deployments
 * included. {@code Maintainer}: edits deployments but does not create or delete them.
 */
public enum DeploymentRole implements Word {
  OWNER, MAINTAINER;

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Word.names(values());

  /** Whether holding this role satisfies a requirement of {@code required}: an Owner may do what a Maintainer may. */
  public boolean covers(DeploymentRole required) {
    return this == OWNER || this == required;
  }

  public static DeploymentRole fromJson(String name) {
    return Word.fromJson(values(), name);
  }
}
