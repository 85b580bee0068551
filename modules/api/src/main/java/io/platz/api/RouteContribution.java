package io.platz.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * More to serve on the API's port, such as the admin console: mounted on the root router after the JSON API. It
 * adapts HTTP to the bus like the API does (through a {@link Gateway}), so it can do nothing the API would refuse.
 */
public interface RouteContribution {

  void mount(Vertx vertx, Router root);
}
