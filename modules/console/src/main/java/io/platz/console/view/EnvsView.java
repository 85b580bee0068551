package io.platz.console.view;

import java.util.List;

public record EnvsView(List<EnvRow> envs) {
}
