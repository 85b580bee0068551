package io.platz.persistence.sql;

import io.platz.common.error.ApiError;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

public final class Rows {

  private Rows() {
  }

  /** The single row a lookup by id found, or a 404 naming what was looked for. */
  public static Row one(RowSet<Row> rows, String what) {
    if (rows.size() == 0) {
      throw ApiError.notFound(what);
    }
    return rows.iterator().next();
  }
}
