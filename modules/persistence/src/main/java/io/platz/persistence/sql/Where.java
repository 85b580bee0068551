package io.platz.persistence.sql;

import io.platz.common.permissions.Scope;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A WHERE clause built from optional filters, with positional parameters numbered as they are added. Write
 * conditions with {@code ?} where the parameter goes; they are AND-ed.
 */
public final class Where {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> args = new ArrayList<>();

  public Where and(String condition, Object... values) {
    StringBuilder sql = new StringBuilder();
    int next = 0;
    for (char c : condition.toCharArray()) {
      if (c == '?') {
        args.add(values[next++]);
        sql.append('$').append(args.size());
      } else {
        sql.append(c);
      }
    }
    conditions.add("(" + sql + ")");
    return this;
  }

  /** Adds the condition only when the value is present. */
  public Where andIf(Optional<?> value, String condition) {
    value.ifPresent(v -> and(condition, v));
    return this;
  }

  /**
   * The rows a scope lets the caller see, for a table with an env column and, optionally, a kind column
   * ({@code null} for tables whose rows belong to a whole env, such as env roles).
   */
  public Where scoped(Scope scope, String envColumn, String kindColumn) {
    if (scope.all()) {
      return this;
    }
    UUID[] envIds = scope.envIds().toArray(UUID[]::new);
    if (kindColumn == null || scope.envKinds().isEmpty()) {
      return and(envColumn + " = ANY(?)", (Object) envIds);
    }
    UUID[] kindEnvs = scope.envKinds().stream().map(Scope.EnvKind::envId).toArray(UUID[]::new);
    UUID[] kindIds = scope.envKinds().stream().map(Scope.EnvKind::kindId).toArray(UUID[]::new);
    String someKinds = "(" + envColumn + ", " + kindColumn + ") IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))";
    // without the OR, PostgreSQL can answer a kinds-only scope (the usual chart bot) from the (env, kind) index
    return envIds.length == 0 ? and(someKinds, kindEnvs, kindIds)
        : and(envColumn + " = ANY(?) OR " + someKinds, envIds, kindEnvs, kindIds);
  }

  /** A LIKE pattern matching values that contain {@code text} literally (its %, _ and \\ escaped). */
  public static String contains(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  public Tuple args() {
    return Tuple.from(args);
  }

  /** The number the next parameter would get, for SQL appended after this clause (LIMIT, OFFSET). */
  public int nextParameter() {
    return args.size() + 1;
  }
}
