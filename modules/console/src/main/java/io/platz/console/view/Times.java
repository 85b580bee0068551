package io.platz.console.view;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them: UTC to the second, the same on every page and in every screenshot. */
public final class Times {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  private Times() {
  }

  /** An RFC 3339 time of the API, shown; "never" for null. */
  public static String show(String rfc3339) {
    if (rfc3339 == null) {
      return "never";
    }
    try {
      return OffsetDateTime.parse(rfc3339).withOffsetSameInstant(ZoneOffset.UTC).format(SHOWN);
    } catch (RuntimeException e) {
      return rfc3339;
    }
  }
}
