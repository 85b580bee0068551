package io.platz.console.web;

import java.util.List;

/**
 * Every asset the pages load, all from this server: the webjars carry their version in the path (Vert.x has no
 * webjars locator), so the versions live here, and a test checks each path is on the classpath.
 */
public final class Assets {

  public static final String WEBJARS = "META-INF/resources/webjars";
  public static final String OWN = "io/platz/console/assets";

  public static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
  public static final String PICO = "/webjars/picocss__pico/2.1.1/css/pico.min.css";
  public static final String SCRIPT = "/assets/console.js";
  public static final String STYLE = "/assets/console.css";

  public static final List<String> ALL = List.of(HTMX, PICO, SCRIPT, STYLE);

  private Assets() {
  }

  /** Where an asset's URL path lies on the classpath. */
  public static String classpathResource(String urlPath) {
    if (urlPath.startsWith("/webjars/")) {
      return WEBJARS + urlPath.substring("/webjars".length());
    }
    return OWN + urlPath.substring("/assets".length());
  }
}
