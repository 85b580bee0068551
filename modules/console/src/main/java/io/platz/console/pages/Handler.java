package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.session.Viewer;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** One console route: reads the request, asks the API as the viewer, answers an {@link Outcome}. */
@FunctionalInterface
public interface Handler {

  Future<Outcome> handle(RoutingContext ctx, Viewer viewer, Calls calls);
}
