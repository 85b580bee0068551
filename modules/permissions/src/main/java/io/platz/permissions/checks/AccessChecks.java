package io.platz.permissions.checks;

import io.platz.common.bus.Command;
import io.platz.common.error.ApiError;
import io.platz.common.json.Fields;
import io.platz.common.permissions.Action;
import io.platz.permissions.decisions.FactLoader;
import io.platz.permissions.decisions.Question;
import io.platz.permissions.decisions.Rules;
import io.platz.permissions.decisions.Verdict;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * "May I do this?" without doing it: each check runs the action's own rule on the facts the real request would
 * load, for the caller's own identity, and answers allowed or the reason the real request would be refused with.
 * A deployment the caller cannot see and one that does not exist are both refused as not found, as the real
 * request does. It changes nothing, so it writes no audit event.
 */
public final class AccessChecks {

  public static final int MAX_CHECKS = 100;

  /** The wire name of every offered action: the {@link Action}'s name in lower case, as {@code deployments_update}. */
  private static final Map<String, Action> OFFERED = Arrays.stream(Action.values())
      .filter(action -> CheckTarget.of(action) != CheckTarget.NOT_OFFERED)
      .collect(Collectors.toMap(AccessChecks::wireName, action -> action, (a, b) -> a, TreeMap::new));

  private final FactLoader facts;

  public AccessChecks(FactLoader facts) {
    this.facts = facts;
  }

  public Future<JsonObject> answer(Command command) {
    List<Future<JsonObject>> results = checks(command).stream()
        .map(check -> Rules.of(check.action()).apply(facts, check.question())
            .map(AccessChecks::result).recover(AccessChecks::refusal))
        .toList();
    return Future.all(results).map(all -> new JsonObject().put("results", new JsonArray(all.list())));
  }

  static String wireName(Action action) {
    return action.name().toLowerCase(Locale.ROOT);
  }

  /** Every check validated before any is decided, so that a malformed batch answers 400 and nothing else. */
  private static List<Check> checks(Command command) {
    if (!(command.body().getValue("checks") instanceof JsonArray array) || array.isEmpty()) {
      throw Fields.invalid("checks", "an array of 1 to " + MAX_CHECKS + " checks");
    }
    if (array.size() > MAX_CHECKS) {
      throw ApiError.badRequest("'checks' holds " + array.size() + " checks; at most " + MAX_CHECKS + " are allowed");
    }
    List<Check> checks = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject check)) {
        throw Fields.invalid("checks[" + i + "]", "an object with an action");
      }
      checks.add(check(command, "checks[" + i + "].", check));
    }
    return checks;
  }

  /**
   * The question the real request would ask: the id both as the path's {@code id} and as the body's field, so that
   * the rule finds it where the request would carry it. The body holds nothing else, so a check of
   * {@code envs_update} asks about updating the env, not renaming it.
   */
  private static Check check(Command command, String prefix, JsonObject check) {
    String name = text(check, prefix, "action").orElseThrow(() -> Fields.missing(prefix + "action"));
    Action action = OFFERED.get(name);
    if (action == null) {
      throw Fields.invalid(prefix + "action", "one of " + String.join(", ", OFFERED.keySet()));
    }
    List<String> needed = CheckTarget.of(action).fields();
    for (String field : check.fieldNames()) {
      if (!field.equals("action") && !needed.contains(field)) {
        throw ApiError.badRequest("'" + prefix + field + "' is not used by " + name
            + (needed.isEmpty() ? ", which names nothing" : ", which names " + String.join(" and ", needed)));
      }
    }
    JsonObject params = new JsonObject();
    JsonObject body = new JsonObject();
    for (String field : needed) {
      String id = Fields.parseUuid(prefix + field, text(check, prefix, field).orElseThrow(() -> Fields.missing(prefix + field)))
          .toString();
      body.put(field, id);
      if (needed.size() == 1) {
        params.put("id", id);
      }
    }
    return new Check(action, new Question(command.actor(), params, body));
  }

  private static Optional<String> text(JsonObject check, String prefix, String field) {
    Object value = check.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Fields.invalid(prefix + field, "a string");
    }
    return Optional.ofNullable((String) value);
  }

  /** A refusal the real request would answer with (forbidden, not found, ...) is an answer; anything else a failure. */
  private static Future<JsonObject> refusal(Throwable failure) {
    if (!(failure instanceof ApiError error) || error.status() >= 500) {
      return Future.failedFuture(failure);
    }
    return Future.succeededFuture(refused(error.getMessage()));
  }

  private static JsonObject result(Verdict verdict) {
    return verdict instanceof Verdict.Refused refused ? refused(refused.message())
        : new JsonObject().put("allowed", true).putNull("reason");
  }

  private static JsonObject refused(String reason) {
    return new JsonObject().put("allowed", false).put("reason", reason);
  }

  private record Check(Action action, Question question) {
  }
}
