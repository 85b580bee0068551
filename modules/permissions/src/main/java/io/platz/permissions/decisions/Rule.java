package io.platz.permissions.decisions;

import io.vertx.core.Future;
import java.util.function.Function;

/** One row of {@link Rules}: the facts an action's rule looks at, and the pure decision on them. */
public record Rule<T>(Need<T> need, Decider<T> decider) {

  /** Loads the facts a rule looks at. */
  @FunctionalInterface
  public interface Need<T> {
    Future<T> load(FactLoader loader, Question question);
  }

  /** Decides from the question and the facts alone: no I/O, no clock. */
  @FunctionalInterface
  public interface Decider<T> {
    Verdict decide(Question question, T facts);
  }

  static <T> Rule<T> after(Need<T> need, Decider<T> decider) {
    return new Rule<>(need, decider);
  }

  static Rule<Void> onQuestion(Function<Question, Verdict> decider) {
    return new Rule<>(FactLoader::nothing, (question, none) -> decider.apply(question));
  }

  /** Loads, then decides; a bad parameter or a missing row fails the future before any rule runs. */
  public Future<Verdict> apply(FactLoader loader, Question question) {
    return need.load(loader, question).map(facts -> decider.decide(question, facts));
  }
}
