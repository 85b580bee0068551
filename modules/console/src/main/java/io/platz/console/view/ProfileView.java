package io.platz.console.view;

import java.util.List;

/** {@code sessions}: the person's console sessions, which they may end. */
public record ProfileView(String name, String email, TokenList tokens, NewToken created, List<SessionRow> sessions) {
}
