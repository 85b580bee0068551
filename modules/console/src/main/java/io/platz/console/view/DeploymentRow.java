package io.platz.console.view;

public record DeploymentRow(String id, String name, String kind, String status, boolean enabled, boolean deleted, String envId) {

  public String url() {
    return "/envs/" + envId + "/deployments/" + id;
  }
}
