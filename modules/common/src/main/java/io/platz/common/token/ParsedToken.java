package io.platz.common.token;

import java.util.UUID;

/**
 * A token that is well formed: right prefix, length, alphabet and checksum. Nothing is known yet about
 * whether it exists. {@link #toString()} hides the secret so that a token can never be logged by accident.
 */
public record ParsedToken(TokenKind kind, UUID id, String secret) {

  @Override
  public String toString() {
    return "ParsedToken[kind=" + kind + ", id=" + id + "]";
  }
}
