package io.platz.common.token;

/**
 * A token just generated: the clear value, shown once to whoever asked for it, and its parts, of which only a
 * keyed hash of the secret is stored. {@link #toString()} shows neither.
 */
public record IssuedToken(String value, ParsedToken parts) {

  @Override
  public String toString() {
    return "IssuedToken[" + parts + "]";
  }
}
