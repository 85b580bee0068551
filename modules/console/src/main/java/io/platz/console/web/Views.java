package io.platz.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The templates, compiled with the code by jte-maven-plugin: a template that does not type-check fails the build,
 * and every {@code ${...}} is escaped for where it stands (text or attribute). Rendering is pure CPU: it runs on
 * the event loop once the data has arrived.
 */
public final class Views {

  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Views.class.getClassLoader(), "io.platz.console.templates");

  private Views() {
  }

  public static String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput(8192);
    ENGINE.render(template, params, out);
    return out.toString();
  }
}
