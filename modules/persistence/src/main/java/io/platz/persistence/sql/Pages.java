package io.platz.persistence.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * One page of a list, in the envelope the API answers with: {@code {page, per_page, num_total, items}}. The
 * total comes from a scalar subquery in the same statement, which PostgreSQL runs once, over the index alone where
 * it can (a {@code count(*) OVER ()} window would copy every matching row, wide columns included: four times
 * slower for a page of deployments). Only a page past the end needs a second query, so that {@code num_total}
 * is the true total even then.
 */
public final class Pages {

  private Pages() {
  }

  /**
   * @param columns the select list
   * @param from    the FROM clause, joins included
   * @param where   the filters
   * @param orderBy the ORDER BY clause; make it total (end with a unique column) so pages never overlap
   */
  public static Future<JsonObject> fetch(SqlClient client, String columns, String from, Where where, String orderBy,
                                         PageRequest page, Function<Row, JsonObject> toJson) {
    int limit = where.nextParameter();
    String sql = "SELECT " + columns + ", (" + count(from, where) + ") AS num_total FROM " + from + where.sql()
        + " ORDER BY " + orderBy + " LIMIT $" + limit + " OFFSET $" + (limit + 1);
    Tuple args = where.args().addInteger(page.perPage()).addLong(page.offset());
    return client.preparedQuery(sql).execute(args).compose(rows -> {
      if (rows.size() > 0 || page.offset() == 0) {
        return Future.succeededFuture(envelope(page, rows.size() == 0 ? 0 : total(rows), rows, toJson));
      }
      return client.preparedQuery(count(from, where)).execute(where.args())
          .map(count -> envelope(page, count.iterator().next().getLong(0), rows, toJson));
    });
  }

  private static String count(String from, Where where) {
    return "SELECT count(*) FROM " + from + where.sql();
  }

  private static long total(RowSet<Row> rows) {
    return rows.iterator().next().getLong("num_total");
  }

  private static JsonObject envelope(PageRequest page, long total, RowSet<Row> rows, Function<Row, JsonObject> toJson) {
    JsonArray items = new JsonArray();
    rows.forEach(row -> items.add(toJson.apply(row)));
    return new JsonObject()
        .put("page", page.page())
        .put("per_page", page.perPage())
        .put("num_total", total)
        .put("items", items);
  }
}
