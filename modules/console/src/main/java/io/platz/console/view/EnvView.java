package io.platz.console.view;

import java.util.List;

public record EnvView(EnvHeader env, List<KindGroup> kinds) {
}
