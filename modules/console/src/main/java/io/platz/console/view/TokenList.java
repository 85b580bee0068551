package io.platz.console.view;

import java.util.List;

/** The tokens of a bot ({@code noun} "bot") or of the signed-in person ("user"), with where to issue and revoke them. */
public record TokenList(String noun, String issueUrl, String revokeUrl, List<TokenRow> rows, String csrf) {

  public String revokeUrl(String tokenId) {
    return revokeUrl + "/" + tokenId + "/revoke";
  }

  /** "Revoke Bot Token" / "Revoke User Token". */
  public String revokeTitle() {
    return "Revoke " + ("bot".equals(noun) ? "Bot" : "User") + " Token";
  }

  public String empty() {
    return "bot".equals(noun) ? "This bot has no API tokens." : "You have no API tokens.";
  }
}
