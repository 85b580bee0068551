package io.platz.console.view;

import java.util.List;

/** {@code canManage}: the permissions module would let the viewer grant roles in this env. */
public record UserRolesView(EnvHeader env, List<GrantRow> grants, boolean canManage, List<Principal> users, List<Principal> bots,
                            String csrf) {
}
