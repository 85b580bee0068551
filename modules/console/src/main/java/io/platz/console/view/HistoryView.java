package io.platz.console.view;

import java.util.List;

/** {@code liveUrl}: the event stream that adds new tasks to the first page as they happen (null on later pages). */
public record HistoryView(EnvHeader env, DeploymentRow deployment, HistoryFilters filters, List<TaskRow> tasks, Pager pager,
                          String liveUrl, String action) {
}
