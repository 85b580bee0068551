package io.platz.common;

/**
 * The process cannot start, for a reason a person can act on (port taken, database unreachable, data
 * directory in use). {@code Main} prints the message as one line and exits non-zero.
 */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message, null, false, false);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause, false, true);
  }
}
