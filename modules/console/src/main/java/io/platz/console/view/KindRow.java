package io.platz.console.view;

public record KindRow(String id, String name, KindCell owners, KindCell maintainers) {
}
