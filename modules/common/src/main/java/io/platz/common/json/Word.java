package io.platz.common.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum whose constants are words of the JSON API and the database, spelled in PascalCase ({@code ADMIN} is
 * {@code Admin}, {@code NOT_FOUND} would be {@code NotFound}): one spelling for the filters, the console, the OpenAPI
 * document and the CHECK constraints, derived from the constant instead of written again beside it.
 */
public interface Word {

  String name();

  default String jsonName() {
    return Arrays.stream(name().split("_"))
        .map(part -> part.charAt(0) + part.substring(1).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining());
  }

  /** The words of an enum's constants, in their order. */
  static List<String> names(Word[] constants) {
    return Arrays.stream(constants).map(Word::jsonName).toList();
  }

  /** The constant spelled {@code name}; an unknown word is a bug of the caller, which checked it against the list. */
  static <W extends Word> W fromJson(W[] constants, String name) {
    return Arrays.stream(constants).filter(word -> word.jsonName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no such word: " + name));
  }
}
