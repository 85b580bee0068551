package io.platz.persistence;

import io.platz.common.error.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** "Ready" for a module: the database answers and its schema is the version this build migrated to. */
public final class DatabaseHealth {

  private static final String CURRENT_VERSION = """
      SELECT version FROM flyway_schema_history
      WHERE success AND version IS NOT NULL
      ORDER BY installed_rank DESC LIMIT 1""";

  private DatabaseHealth() {
  }

  public static Future<Void> check(Pool pool, String expectedVersion) {
    return pool.query(CURRENT_VERSION).execute()
        .recover(failure -> Future.failedFuture(ApiError.unavailable("the database is unreachable")))
        .compose(rows -> {
          String version = rows.size() == 0 ? "" : rows.iterator().next().getString("version");
          return expectedVersion.equals(version)
              ? Future.succeededFuture()
              : Future.failedFuture(ApiError.unavailable("the database schema is at version '" + version
                  + "', this build needs '" + expectedVersion + "'"));
        });
  }
}
