package io.platz.auth.identities;

import io.platz.persistence.sql.Columns;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** The public shape of a bot, contract §3. */
public final class Bots {

  public static final String COLUMNS = "b.id, b.created_at, b.display_name, b.description, b.deleted_at";

  private Bots() {
  }

  public static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("display_name", row.getString("display_name"))
        .put("description", row.getString("description"))
        .put("deleted_at", Columns.time(row, "deleted_at"));
  }
}
