package io.platz.console.view;

/** The navigation bar: each admin entry is there only when the permissions module would let the viewer use it. */
public record Nav(String name, String active, boolean bots, boolean users, boolean audit) {
}
