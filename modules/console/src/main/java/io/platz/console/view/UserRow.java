package io.platz.console.view;

/** A person; {@code manageable}: the permissions module would let the viewer change their admin and active flags. */
public record UserRow(String id, String name, String email, boolean admin, boolean active, String createdAt, boolean manageable) {
}
