package io.platz.console.view;

import java.util.List;

public record UsersView(List<UserRow> users, Pager pager, NewToken created) {
}
