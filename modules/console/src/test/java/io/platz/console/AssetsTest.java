package io.platz.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.console.session.Sessions;
import io.platz.console.web.Assets;
import io.platz.console.web.SecurityHeaders;
import org.junit.jupiter.api.Test;

/** What would otherwise break silently: a webjar version bump, a policy loosened by accident, a redirect off-site. */
class AssetsTest {

  @Test
  void everyAssetThePagesLoadIsOnTheClasspath() {
    for (String asset : Assets.ALL) {
      assertThat(getClass().getClassLoader().getResource(Assets.classpathResource(asset))).as(asset).isNotNull();
    }
  }

  @Test
  void thePolicyAllowsThisOriginOnly() {
    assertThat(SecurityHeaders.CSP).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
        "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'", "object-src 'none'");
    assertThat(SecurityHeaders.CSP).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
  }

  @Test
  void afterSigningInThePersonStaysOnThisSite() {
    assertThat(Sessions.safeNext("/envs/1/history?acting_bot_id=2")).isEqualTo("/envs/1/history?acting_bot_id=2");
    for (String elsewhere : new String[] {null, "", "//evil.example", "https://evil.example", "/\\evil.example",
        "javascript:alert(1)", "/login", "/ok\r\nSet-Cookie: x=y"}) {
      assertThat(Sessions.safeNext(elsewhere)).as(String.valueOf(elsewhere)).isEqualTo("/envs");
    }
  }
}
