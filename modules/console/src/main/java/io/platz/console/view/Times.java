package io.platz.console.view;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them: UTC to the second, the same on every page and in every screenshot. */
public final class Times {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  private Times() {
  }

  /**
   * When a token was last used, as precisely as that is known: a use is noted at most once a minute per token, so a
   * time less than a minute old says only that it was used within the last minute.
   */
  public static String lastUsed(String rfc3339, Instant now) {
    try {
      if (rfc3339 != null && Duration.between(OffsetDateTime.parse(rfc3339).toInstant(), now).compareTo(Duration.ofMinutes(1)) < 0) {
        return "within the last minute";
      }
    } catch (RuntimeException e) {
      // not a time: shown as it came
    }
    return show(rfc3339);
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
