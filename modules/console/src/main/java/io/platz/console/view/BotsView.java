package io.platz.console.view;

import java.util.List;

public record BotsView(List<BotRow> live, List<BotRow> deleted, Pager pager) {
}
