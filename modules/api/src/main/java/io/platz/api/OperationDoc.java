package io.platz.api;

import java.util.List;

/**
 * What the OpenAPI document says of one route beyond its types: its name (the {@code operationId} clients and
 * tests call it by), a one-line summary, who may call it and what else a caller should know, and the error
 * statuses it may answer besides 401 and 429, which every authenticated route may.
 */
public record OperationDoc(String operationId, String summary, String description, List<Integer> errors) {

  public static OperationDoc doc(String operationId, String summary, String description, Integer... errors) {
    return new OperationDoc(operationId, summary, description, List.of(errors));
  }
}
