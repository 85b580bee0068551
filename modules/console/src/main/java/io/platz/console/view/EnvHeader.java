package io.platz.console.view;

/** The env a page belongs to and which of its tabs is open. */
public record EnvHeader(String id, String name, String tab) {

  public String base() {
    return "/envs/" + id;
  }
}
