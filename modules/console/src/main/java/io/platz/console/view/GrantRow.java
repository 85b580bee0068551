package io.platz.console.view;

/** A role held by a user or a bot, as the settings pages list it. */
public record GrantRow(String id, Principal holder, String role, String createdAt) {
}
