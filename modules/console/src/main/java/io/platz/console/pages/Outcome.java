package io.platz.console.pages;

import java.util.Map;

/** What a console handler answers: a whole page in the frame, a redirect after a write, or a piece for htmx to swap in. */
public sealed interface Outcome {

  record Page(int status, String title, String active, String template, Object view) implements Outcome {
  }

  record Redirect(String location) implements Outcome {
  }

  record Fragment(String template, Map<String, Object> params) implements Outcome {
  }

  static Page page(String title, String active, String template, Object view) {
    return new Page(200, title, active, template, view);
  }

  static Redirect redirect(String location) {
    return new Redirect(location);
  }
}
