package io.platz.console.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The sign-in page: {@code error} why the last try was refused, {@code notice} why the session ended; {@code provider}
 * names the identity provider to sign in with (null without one, or while it cannot be reached), and
 * {@code providerSignOut} is its own sign-out page, after signing out of Platz.
 */
public record LoginView(String next, String error, String notice, String provider, boolean tokenSignIn,
                        String providerSignOut) {

  /** The provider's sign-in, coming back to {@code next}. */
  public String providerStart() {
    return "/auth/oidc/start?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }
}
