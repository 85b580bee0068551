package io.platz.console.view;

/** The sign-in page: {@code error} why the last try was refused, {@code notice} why the session ended. */
public record LoginView(String next, String error, String notice) {
}
