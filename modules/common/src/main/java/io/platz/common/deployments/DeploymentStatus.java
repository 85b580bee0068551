package io.platz.common.deployments;

import java.util.Arrays;
import java.util.List;

/** What a deployment is doing, as its chart back-end last reported it. */
public enum DeploymentStatus {
  UNKNOWN("Unknown"),
  INSTALLING("Installing"),
  RENAMING("Renaming"),
  UPGRADING("Upgrading"),
  RUNNING("Running"),
  ERROR("Error"),
  UNINSTALLING("Uninstalling"),
  UNINSTALLED("Uninstalled"),
  DELETING("Deleting");

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Arrays.stream(values()).map(DeploymentStatus::jsonName).toList();

  private final String jsonName;

  DeploymentStatus(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
