package io.platz.persistence.sql;

import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement's parameters bound by name, {@code :name} in its text, and sent as the positional ones PostgreSQL
 * takes: nobody counts {@code $n} across a long statement, and a value is bound where it is named. A cast such as
 * {@code ::uuid[]} is left alone.
 */
public final class NamedParameters {

  private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([a-z][a-z0-9_]*)");

  private final Tuple values = Tuple.tuple();
  private final Map<String, Integer> positions = new LinkedHashMap<>();

  private NamedParameters() {
  }

  public static NamedParameters of() {
    return new NamedParameters();
  }

  public NamedParameters bind(String name, Object value) {
    if (positions.putIfAbsent(name, values.size() + 1) != null) {
      throw new IllegalArgumentException(":" + name + " is bound twice");
    }
    values.addValue(value);
    return this;
  }

  /** The text with each {@code :name} as its {@code $n}; a name used but not bound, or bound but not used, is a bug. */
  public String sql(String text) {
    Matcher names = NAME.matcher(text);
    StringBuilder sql = new StringBuilder();
    Set<String> used = new HashSet<>();
    while (names.find()) {
      Integer position = positions.get(names.group(1));
      if (position == null) {
        throw new IllegalArgumentException(":" + names.group(1) + " is not bound");
      }
      used.add(names.group(1));
      names.appendReplacement(sql, "\\$" + position);
    }
    names.appendTail(sql);
    if (!used.containsAll(positions.keySet())) {
      throw new IllegalArgumentException("bound but not used: " + positions.keySet().stream().filter(n -> !used.contains(n)).toList());
    }
    return sql.toString();
  }

  public Tuple values() {
    return values;
  }
}
