package io.platz.console.view;

import java.util.List;

public record KindGroup(String kind, List<DeploymentRow> deployments) {
}
