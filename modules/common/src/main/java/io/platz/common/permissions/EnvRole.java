package io.platz.common.permissions;

import io.platz.common.json.Word;
import java.util.List;

/** A role in an env. {@code Admin}: everything in the env, settings and grants included. {@code User}: sees the env. */
public enum EnvRole implements Word {
  ADMIN, USER;

  /** As the JSON API and the database spell them. */
  public static final List<String> NAMES = Word.names(values());

  public static EnvRole fromJson(String name) {
    return Word.fromJson(values(), name);
  }
}
