package io.platz.console.pages;

import io.platz.console.data.ConsoleApi.Calls;
import io.platz.console.session.Viewer;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * One console page's work: reads the request, asks the API as the viewer, answers an {@link Outcome}. Not named
 * Handler, so that it never hides Vert.x's {@code Handler} in the classes that use both.
 */
@FunctionalInterface
public interface PageHandler {

  Future<Outcome> handle(RoutingContext ctx, Viewer viewer, Calls calls);
}
