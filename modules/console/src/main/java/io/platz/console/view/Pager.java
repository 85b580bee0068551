package io.platz.console.view;

/** Which page of a list this is, with links to its neighbours (null at either end). */
public record Pager(long total, int page, int pages, String previous, String next) {

  public static Pager of(long total, int page, int perPage, String baseQuery) {
    int pages = (int) Math.max(1, (total + perPage - 1) / perPage);
    String prefix = "?" + (baseQuery.isEmpty() ? "" : baseQuery + "&") + "page=";
    return new Pager(total, page, pages, page > 1 ? prefix + (page - 1) : null, page < pages ? prefix + (page + 1) : null);
  }

  public boolean several() {
    return pages > 1;
  }
}
