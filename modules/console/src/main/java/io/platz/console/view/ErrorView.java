package io.platz.console.view;

public record ErrorView(int status, String title, String message) {
}
