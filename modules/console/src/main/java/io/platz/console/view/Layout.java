package io.platz.console.view;

import io.platz.console.session.Flash;

/** What every page's frame shows: the title, the navigation of the signed-in person (null when signed out), the CSRF token and a message. */
public record Layout(String title, Nav nav, String csrf, Flash flash) {

  public boolean signedIn() {
    return nav != null;
  }
}
