package io.platz.console.view;

public record ProfileView(String name, String email, TokenList tokens, NewToken created) {
}
