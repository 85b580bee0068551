package io.platz.common.deployments;

import io.platz.common.json.Word;
import java.util.List;

/** What a deployment is doing, as its chart back-end last reported it. */
public enum DeploymentStatus implements Word {
  UNKNOWN, INSTALLING, RENAMING, UPGRADING, RUNNING, ERROR, UNINSTALLING, UNINSTALLED, DELETING;

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Word.names(values());
}
