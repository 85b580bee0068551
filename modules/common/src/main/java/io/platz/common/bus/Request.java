package io.platz.common.bus;

/**
 * A request to a module, answered in this process with an {@code R}. The record's type is its contract: the
 * module that serves it registers for the type ({@link ModuleBus#serve}), a caller asks with an instance
 * ({@link ModuleBus#ask}), and neither spells an address.
 */
public interface Request<R> {

  /** How long the asker waits for the answer before failing with 504. */
  default long timeoutMillis() {
    return 5_000;
  }
}
