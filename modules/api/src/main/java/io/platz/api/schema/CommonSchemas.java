package io.platz.api.schema;

import io.platz.api.document.Doc;
import io.platz.api.document.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/** The shapes every part of the API shares. */
public final class CommonSchemas {

  private CommonSchemas() {
  }

  @Doc("Every error answer: 400 invalid request, 401 missing, invalid or expired credentials (always the same message),"
      + " 403 not allowed, 404 no such resource or not visible to the caller, 409 conflict, 413 body over 1 MiB or a"
      + " config or task operation over PLATZ_MAX_CONFIG_BYTES, 503 unavailable, 504 an internal step timed out, 500 a"
      + " bug (no detail).")
  public record Error(@Doc("What went wrong, for a person.") String message) {
  }

  public record ServerInfo(String version) {
  }

  /** The answer of a list: a page of {@code item}. */
  public static Type page(Class<?> item) {
    return new PageOf(item);
  }

  /** {@code Paginated<item>}, as a value, which Java's generics cannot give at run time. */
  private record PageOf(Class<?> item) implements ParameterizedType {

    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {item};
    }

    @Override
    public Type getRawType() {
      return Paginated.class;
    }

    @Override
    public Type getOwnerType() {
      return CommonSchemas.class;
    }
  }

  /** One page of a list; the document names it after its items ({@code PaginatedUser}). */
  @Doc("One page of {T} items.")
  public record Paginated<T>(
      @Field(minimum = 1) int page,
      @Field(minimum = 1, maximum = 500) int perPage,
      @Field(minimum = 0) @Doc("The true total, also on a page past the end.") long numTotal,
      List<T> items) {
  }
}
