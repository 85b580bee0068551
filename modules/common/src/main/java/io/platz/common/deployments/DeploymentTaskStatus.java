package io.platz.common.deployments;

import java.util.Arrays;
import java.util.List;

/** Where a deployment task is: Pending, then Started, then Done or Failed; a Pending task may be Canceled. */
public enum DeploymentTaskStatus {
  PENDING("Pending"),
  STARTED("Started"),
  DONE("Done"),
  FAILED("Failed"),
  CANCELED("Canceled");

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Arrays.stream(values()).map(DeploymentTaskStatus::jsonName).toList();

  private final String jsonName;

  DeploymentTaskStatus(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
