package io.platz.console.view;

import java.util.List;

/** One cell of the deployment-permissions matrix: the holders of a role on a kind, and who could still be added. */
public record KindCell(String kindId, String kindName, String role, List<GrantRow> holders, List<Principal> users,
                       List<Principal> bots) {

  public String dialogId() {
    return "add-" + role.toLowerCase() + "-" + kindId;
  }

  public boolean anyoneLeft() {
    return !users.isEmpty() || !bots.isEmpty();
  }
}
