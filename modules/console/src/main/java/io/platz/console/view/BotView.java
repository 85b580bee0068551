package io.platz.console.view;

/** A bot's page; {@code created} is the token just issued when the page answers a form without script. */
public record BotView(BotRow bot, TokenList tokens, NewToken created) {
}
