package io.platz.console.view;

import java.util.List;

public record AuditView(List<Option> types, List<Option> actorTypes, List<Option> envs, List<AuditRow> events, Pager pager,
                        boolean filtered) {
}
