package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.TestDatabases;
import io.platz.audit.api.AuditEventType;
import io.platz.audit.api.AuditTrail;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.Migrations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL that records audit facts speaks the Java vocabulary: every event type and subject type a trigger
 * function writes, as the migrated database holds it (a later migration may have replaced a function's body), is
 * an {@link AuditEventType} with its own subject type, and what the triggers leave is what
 * {@link AuditTrail#CONSEQUENCE_TYPES} accepts.
 */
class AuditVocabularyTest {

  private static final Pattern INSERT = Pattern.compile(
      "INSERT INTO (audit_events|audit_consequences)\\s*\\(([^)]*)\\)\\s*SELECT\\s+(.*?)\\s+FROM\\b", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("'([^']*)'");

  private static List<Map<String, String>> written;

  @BeforeAll
  static void migrate() {
    DatabaseSettings database = DatabaseSettings.fromUrl(TestDatabases.freshDatabaseUrl());
    Migrations.migrate(database);
    String bodies = TestDatabases.queryValue(database, """
        SELECT string_agg(prosrc, E'\\n') FROM pg_proc
        WHERE prosrc ~ 'INSERT INTO audit_(events|consequences)'""");
    written = inserts(bodies == null ? "" : bodies);
  }

  @Test
  void everyTypeATriggerWritesIsAnEnumConstantWithItsSubjectType() {
    assertThat(written).as("the triggers that record audit facts").isNotEmpty();
    for (Map<String, String> insert : written) {
      String type = literal(insert.get("type"));
      AuditEventType known = AuditEventType.fromJson(type).orElse(null);
      assertThat(known).as("event type '%s' written by SQL", type).isNotNull();
      assertThat(literal(insert.get("subject_type"))).as("the subject type of %s", type)
          .isEqualTo(known.subject().jsonName());
    }
  }

  @Test
  void theTriggersLeaveTheConsequencesTheAuditTrailRecordsAndNoOthers() {
    Set<AuditEventType> left = new HashSet<>();
    written.stream().filter(insert -> insert.get("table").equals("audit_consequences"))
        .forEach(insert -> left.add(AuditEventType.fromJson(literal(insert.get("type"))).orElseThrow()));
    assertThat(left).isEqualTo(AuditTrail.CONSEQUENCE_TYPES);
  }

  /** Each INSERT ... SELECT into an audit table, as column name → the expression that fills it. */
  private static List<Map<String, String>> inserts(String sql) {
    List<Map<String, String>> found = new ArrayList<>();
    Matcher insert = INSERT.matcher(sql);
    while (insert.find()) {
      String[] columns = insert.group(2).split(",");
      List<String> values = topLevel(insert.group(3));
      assertThat(values).as("the values of " + insert.group()).hasSize(columns.length);
      Map<String, String> row = new HashMap<>();
      row.put("table", insert.group(1));
      for (int i = 0; i < columns.length; i++) {
        row.put(columns[i].trim(), values.get(i).trim());
      }
      found.add(row);
    }
    return found;
  }

  /** A SELECT list split at its own commas, not those inside a function call's parentheses. */
  private static List<String> topLevel(String list) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(list.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(list.substring(start));
    return parts;
  }

  /** The text of a quoted literal: a type spelled any other way (computed, or a parameter) is not checkable. */
  private static String literal(String expression) {
    Matcher quoted = LITERAL.matcher(expression == null ? "" : expression);
    assertThat(quoted.matches()).as("a quoted literal, not " + expression).isTrue();
    return quoted.group(1);
  }
}
