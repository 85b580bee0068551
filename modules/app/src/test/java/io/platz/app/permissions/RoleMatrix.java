package io.platz.app.permissions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The role matrix as data: parsed from {@code role-matrix.txt} in the test resources. */
record RoleMatrix(List<Entry> entries) {

  static final String EVERYONE_ELSE = "everyone else";

  /** One request and the status each caller must get. */
  record Entry(String method, String path, String body, Map<String, Integer> expected, int line) {

    String describe() {
      return method + " " + path + (body == null ? "" : " " + body);
    }
  }

  static RoleMatrix load(String resource, List<String> callers, List<String> alwaysUnauthorized) {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = read(resource);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] request = line.trim().split(" ", 3);
      Map<String, Integer> expected = new LinkedHashMap<>();
      alwaysUnauthorized.forEach(caller -> expected.put(caller, 401));
      int start = i + 1;
      Integer othersStatus = null;
      while (i + 1 < lines.size() && lines.get(i + 1).startsWith("  ")) {
        String[] statusLine = lines.get(++i).trim().split(" ", 2);
        int status = Integer.parseInt(statusLine[0]);
        if (statusLine[1].equals(EVERYONE_ELSE)) {
          othersStatus = status;
          continue;
        }
        for (String caller : statusLine[1].split(" ")) {
          if (!callers.contains(caller) || expected.put(caller, status) != null) {
            throw new IllegalStateException("role-matrix.txt line " + (i + 1) + ": unknown or repeated caller " + caller);
          }
        }
      }
      for (String caller : callers) {
        if (!expected.containsKey(caller)) {
          if (othersStatus == null) {
            throw new IllegalStateException("role-matrix.txt line " + start + ": no status for " + caller);
          }
          expected.put(caller, othersStatus);
        }
      }
      entries.add(new Entry(request[0], request[1], request.length > 2 ? request[2] : null, expected, start));
    }
    return new RoleMatrix(entries);
  }

  private static List<String> read(String resource) {
    try (InputStream in = RoleMatrix.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
