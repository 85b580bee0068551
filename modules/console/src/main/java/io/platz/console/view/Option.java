package io.platz.console.view;

/** One choice of a select. */
public record Option(String value, String label, boolean selected) {
}
