package io.platz.console.view;

import java.util.List;

public record DeploymentPermissionsView(EnvHeader env, List<KindRow> kinds, boolean canManage, String csrf) {
}
