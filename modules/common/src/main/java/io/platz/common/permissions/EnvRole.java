package io.platz.common.permissions;

import java.util.Arrays;
import java.util.List;

/** A role in an env. {@code Admin}: everything in the env, settings and grants included. {@code User}: sees the env. */
public enum EnvRole {
  ADMIN("Admin"),
  USER("User");

  public static final List<String> NAMES = Arrays.stream(values()).map(EnvRole::jsonName).toList();

  private final String jsonName;

  EnvRole(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public static EnvRole fromJson(String name) {
    return Arrays.stream(values()).filter(role -> role.jsonName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no env role " + name));
  }
}
