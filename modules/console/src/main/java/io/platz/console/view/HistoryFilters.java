package io.platz.console.view;

import java.util.List;

/** The History filters, as selects whose names are the API's own query parameters. */
public record HistoryFilters(List<Option> users, List<Option> bots, List<Option> deployments, List<Option> statuses,
                             boolean perDeployment, boolean active) {
}
