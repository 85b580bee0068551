package io.platz.common.config;

/** The configuration cannot be used; the message names the setting and what is wrong with it. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
