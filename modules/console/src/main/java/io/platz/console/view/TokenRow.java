package io.platz.console.view;

/** A live token as its list shows it: never the secret, which exists only once, in {@link NewToken}. */
public record TokenRow(String id, String createdAt, String createdBy, String lastUsedAt, String expiresAt, boolean thisSession) {
}
