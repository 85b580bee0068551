package io.platz.auth.identities;

import io.platz.common.auth.Identity;
import io.platz.common.auth.IdentityKind;
import io.platz.persistence.sql.Columns;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** The public shape of a user, contract §3. */
public final class Users {

  public static final String COLUMNS = "u.id, u.created_at, u.display_name, u.email, u.is_admin, u.is_active";

  private Users() {
  }

  public static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", Columns.uuid(row, "id"))
        .put("created_at", Columns.time(row, "created_at"))
        .put("display_name", row.getString("display_name"))
        .put("email", row.getString("email"))
        .put("is_admin", row.getBoolean("is_admin"))
        .put("is_active", row.getBoolean("is_active"));
  }

  /** The user of a row of {@link #COLUMNS} acting with {@code tokenId}: none for a sign-in through the identity provider. */
  public static Identity identity(Row row, UUID tokenId) {
    return new Identity(IdentityKind.USER, row.getUUID("id"), tokenId, row.getBoolean("is_admin"), null,
        row.getString("display_name"));
  }
}
