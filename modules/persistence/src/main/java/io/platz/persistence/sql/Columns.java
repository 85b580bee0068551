package io.platz.persistence.sql;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Reads columns as the API writes them: UUIDs as strings, times as RFC 3339 UTC, nulls as null. */
public final class Columns {

  private static final DateTimeFormatter RFC_3339_UTC = DateTimeFormatter.ISO_INSTANT;

  private Columns() {
  }

  public static String uuid(Row row, String column) {
    UUID value = row.getUUID(column);
    return value == null ? null : value.toString();
  }

  public static String time(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : RFC_3339_UTC.format(value.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
