package io.platz.console.view;

public record EnvRow(String id, String name) {
}
