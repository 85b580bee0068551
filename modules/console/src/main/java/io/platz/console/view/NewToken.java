package io.platz.console.view;

/**
 * A token just issued, shown once: in a dialog answered with {@code no-store}, never kept in the session, and
 * removed from the page when the dialog closes or the page is left.
 */
public record NewToken(String id, String token, String owner, String curl) {
}
