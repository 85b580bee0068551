package io.platz.common.json;

import io.platz.common.error.ApiError;

/** Rules for names and short texts that people read in lists and audit history. */
public final class Text {

  private Text() {
  }

  /**
   * A name: 1 to {@code max} characters, printable, no leading or trailing space. Control and invisible
   * formatting characters (bidi overrides, zero-width joiners) are refused: they make one name look like another.
   */
  public static String name(String field, String value, int max) {
    if (value.isEmpty()) {
      throw ApiError.badRequest("'" + field + "' must not be empty");
    }
    if (value.codePointCount(0, value.length()) > max) {
      throw ApiError.badRequest("'" + field + "' must be at most " + max + " characters");
    }
    if (!value.equals(value.strip())) {
      throw ApiError.badRequest("'" + field + "' must not start or end with spaces");
    }
    if (!printable(value, false)) {
      throw ApiError.badRequest("'" + field + "' must contain printable characters only");
    }
    return value;
  }

  /** A longer text: at most {@code max} characters; line breaks and tabs allowed, other control characters not. */
  public static String text(String field, String value, int max) {
    if (value.codePointCount(0, value.length()) > max) {
      throw ApiError.badRequest("'" + field + "' must be at most " + max + " characters");
    }
    if (!printable(value, true)) {
      throw ApiError.badRequest("'" + field + "' must contain printable characters only");
    }
    return value;
  }

  private static boolean printable(String value, boolean multiline) {
    return value.codePoints().allMatch(c -> (multiline && (c == '\n' || c == '\r' || c == '\t')) || printable(c));
  }

  private static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
