package io.platz.common.future;

import io.vertx.core.Future;
import java.util.function.Function;

/** What the project does with futures in more than one place. */
public final class Futures {

  private Futures() {
  }

  /**
   * {@code action} applied to {@code input}, what it throws (an {@code Error} too, as {@code compose} would) as the
   * failed future it stands for: a throw inside a dispatch or a batch would otherwise be logged and lost, leaving
   * its asker waiting. A {@code try} rather than composing on a completed future, which costs two futures more on
   * paths that run for every request.
   */
  @SuppressWarnings("unchecked")
  public static <Q, T> Future<T> applied(Function<? super Q, ? extends Future<? extends T>> action, Q input) {
    try {
      return (Future<T>) action.apply(input);
    } catch (Throwable thrown) {
      return Future.failedFuture(thrown);
    }
  }
}
