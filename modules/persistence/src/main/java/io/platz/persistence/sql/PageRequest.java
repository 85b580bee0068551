package io.platz.persistence.sql;

import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.vertx.core.json.JsonObject;

/**
 * {@code page} (1-based, default 1) and {@code per_page} (default 50, 1 to 500) of a list request. A list whose
 * items may each be large (a deployment's config, a task's operation) takes fewer per page, so that no page is
 * larger than {@link #MAX_PAGE_BYTES}: a few writes must not make every later read of the list huge.
 */
public record PageRequest(int page, int perPage) {

  public static final int DEFAULT_PER_PAGE = 50;
  public static final int MAX_PER_PAGE = 500;
  public static final long MAX_PAGE_BYTES = 16L << 20;

  public static PageRequest from(JsonObject params) {
    return from(params, MAX_PER_PAGE);
  }

  /** With at most {@code maxPerPage} items a page (see {@link #maxPerPage(long)}), and no more by default. */
  public static PageRequest from(JsonObject params, int maxPerPage) {
    Fields query = Fields.query(params);
    long page = query.integer("page").orElse(1L);
    long perPage = query.integer("per_page").orElse((long) Math.min(DEFAULT_PER_PAGE, maxPerPage));
    if (page < 1 || page > 1_000_000) {
      throw ApiError.badRequest("'page' must be between 1 and 1000000");
    }
    if (perPage < 1 || perPage > maxPerPage) {
      throw ApiError.badRequest("'per_page' must be between 1 and " + maxPerPage);
    }
    return new PageRequest((int) page, (int) perPage);
  }

  /** How many items of at most {@code itemBytes} each fit in {@link #MAX_PAGE_BYTES}: 1 to {@link #MAX_PER_PAGE}. */
  public static int maxPerPage(long itemBytes) {
    return (int) Math.max(1, Math.min(MAX_PER_PAGE, MAX_PAGE_BYTES / itemBytes));
  }

  public long offset() {
    return (long) (page - 1) * perPage;
  }
}
