package io.platz.common.deployments;

import io.platz.common.json.Word;
import java.util.List;

/** Where a deployment task is: Pending, then Started, then Done or Failed; a Pending task may be Canceled. */
public enum DeploymentTaskStatus implements Word {
  PENDING, STARTED, DONE, FAILED, CANCELED;

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Word.names(values());
}
