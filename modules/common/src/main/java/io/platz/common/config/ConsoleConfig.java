package io.platz.common.config;

/**
 * The admin console's settings.
 *
 * @param secureCookie when the console's cookies are marked {@code Secure} (sent over https only)
 * @param sessionsPerPerson signed-in sessions one person may hold; signing in once more ends their oldest
 * @param sessionsMax signed-in sessions the database holds, for every instance; signing in beyond it ends the one idle longest
 * @param tokenSignIn whether the sign-in page takes a personal token; off only beside OpenID Connect sign-in
 */
public record ConsoleConfig(SecureCookie secureCookie, int sessionsPerPerson, int sessionsMax, boolean tokenSignIn) {

  /** {@code auto}: when the request came over https, directly or as a proxy's {@code X-Forwarded-Proto} says. */
  public enum SecureCookie {
    AUTO, TRUE, FALSE
  }
}
