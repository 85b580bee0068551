package io.platz.persistence.sql;

import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.vertx.core.json.JsonObject;

/** {@code page} (1-based, default 1) and {@code per_page} (default 50, 1 to 500) of a list request. */
public record PageRequest(int page, int perPage) {

  public static final int DEFAULT_PER_PAGE = 50;
  public static final int MAX_PER_PAGE = 500;

  public static PageRequest from(JsonObject params) {
    Fields query = Fields.query(params);
    long page = query.integer("page").orElse(1L);
    long perPage = query.integer("per_page").orElse((long) DEFAULT_PER_PAGE);
    if (page < 1 || page > 1_000_000) {
      throw ApiError.badRequest("'page' must be between 1 and 1000000");
    }
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw ApiError.badRequest("'per_page' must be between 1 and " + MAX_PER_PAGE);
    }
    return new PageRequest((int) page, (int) perPage);
  }

  public long offset() {
    return (long) (page - 1) * perPage;
  }
}
