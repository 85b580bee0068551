package io.platz.console.view;

/** One deployment task in History: what, on which deployment, by whom, when, and how it went. */
public record TaskRow(String id, String status, String operation, Principal deployment, String deploymentUrl, Principal actor,
                      String createdAt, String reason) {

  public String domId() {
    return "task-" + id;
  }
}
