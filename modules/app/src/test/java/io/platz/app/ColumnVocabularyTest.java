package io.platz.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.TestDatabases;
import io.platz.common.audit.AuditActorType;
import io.platz.common.deployments.DeploymentStatus;
import io.platz.common.deployments.DeploymentTaskStatus;
import io.platz.common.permissions.DeploymentRole;
import io.platz.common.permissions.EnvRole;
import io.platz.persistence.DatabaseSettings;
import io.platz.persistence.Migrations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A column that holds one of a fixed set of words accepts, by its CHECK constraint in the migrated database,
 * exactly the words of the Java enum that the API, its filters and the OpenAPI document take them from: a word
 * added on one side only is a filter that finds nothing or a write the database refuses with a 500.
 */
class ColumnVocabularyTest {

  private static final Pattern LITERAL = Pattern.compile("'([^']*)'::text");

  private static DatabaseSettings database;

  @BeforeAll
  static void migrate() {
    database = DatabaseSettings.fromUrl(TestDatabases.freshDatabaseUrl());
    Migrations.migrate(database);
  }

  @Test
  void statusesAndActorTypesAreTheEnumsWords() {
    assertThat(accepted("deployments", "status")).containsExactlyInAnyOrderElementsOf(DeploymentStatus.NAMES);
    assertThat(accepted("deployment_tasks", "status")).containsExactlyInAnyOrderElementsOf(DeploymentTaskStatus.NAMES);
    assertThat(accepted("audit_events", "actor_type")).containsExactlyInAnyOrderElementsOf(AuditActorType.NAMES);
  }

  @Test
  void rolesAreTheEnumsWords() {
    assertThat(accepted("env_user_permissions", "role")).containsExactlyInAnyOrderElementsOf(EnvRole.NAMES);
    assertThat(accepted("deployment_permissions", "role")).containsExactlyInAnyOrderElementsOf(DeploymentRole.NAMES);
  }

  /** The words of the CHECK constraint on {@code table} that keeps {@code column} to a list. */
  private static List<String> accepted(String table, String column) {
    String definition = TestDatabases.queryValue(database, """
        SELECT string_agg(pg_get_constraintdef(c.oid), E'\\n') FROM pg_constraint c
        WHERE c.contype = 'c' AND c.conrelid = '%s'::regclass
          AND pg_get_constraintdef(c.oid) LIKE 'CHECK ((%s = ANY (ARRAY[%%'""".formatted(table, column));
    assertThat(definition).as("a CHECK constraint listing %s.%s", table, column).isNotNull().doesNotContain("\n");
    List<String> words = new ArrayList<>();
    Matcher literal = LITERAL.matcher(definition);
    while (literal.find()) {
      words.add(literal.group(1));
    }
    return words;
  }
}
