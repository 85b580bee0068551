package io.platz.common.config;

import java.util.List;

/**
 * Sign-in through the organisation's OpenID Connect provider.
 *
 * @param issuer the provider's issuer URL, where its discovery document is found
 * @param clientSecret empty for a public client, which PKCE alone protects
 * @param publicUrl the URL people reach Platz at, without a trailing {@code /}
 * @param adminEmails who becomes a site admin when they first sign in, lower-cased
 */
public record OidcConfig(String issuer, String clientId, String clientSecret, String publicUrl, List<String> adminEmails) {

  public OidcConfig {
    adminEmails = List.copyOf(adminEmails);
  }

  /** Where the provider sends the browser back: it must be registered with the provider as a redirect URI. */
  public String callbackUrl() {
    return publicUrl + "/auth/oidc/callback";
  }

  /** Never shows the client secret. */
  @Override
  public String toString() {
    return "OidcConfig[issuer=" + issuer + ", clientId=" + clientId + ", publicUrl=" + publicUrl + "]";
  }
}
