package io.platz.api.schema;

/** The text rules several request fields share, as patterns and as the sentence that says them to a reader. */
final class Texts {

  /** One line a person can read: no control or invisible formatting characters, no space at either end. */
  static final String PRINTABLE = "^[^\\x00-\\x20\\x7f-\\x9f](?:[^\\x00-\\x1f\\x7f-\\x9f]*[^\\x00-\\x20\\x7f-\\x9f])?$";
  static final String PRINTABLE_DOC = "Printable: no control or invisible formatting characters, no leading or trailing space.";

  /** Free text: line breaks and tabs, but no other control character. */
  static final String MULTILINE = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$";
  static final String MULTILINE_DOC = "Line breaks and tabs allowed; other control characters not.";

  static final String UNCHANGED = " null: unchanged.";
  static final String CONTAINS = "Contains, case-insensitive.";
  static final String EQUALS = "Equals, case-insensitive.";
  static final String UNIQUE = "Unique, case-insensitive.";
  static final String UNTIL_REVOKED = "In the future; absent or null: until revoked.";
  static final String MAX_CONFIG_BYTES = "At most PLATZ_MAX_CONFIG_BYTES (default 65536) bytes as UTF-8 JSON; a larger one is 413.";
  static final String FREE_FORM = "Strings and keys without NUL or lone surrogates; numbers finite. " + MAX_CONFIG_BYTES;

  private Texts() {
  }
}
