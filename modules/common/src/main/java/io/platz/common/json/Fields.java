package io.platz.common.json;

import io.platz.common.error.ApiError;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Typed, checked access to the fields of a JSON body or to query parameters. Every problem is a 400 that names
 * the field and says what it should be, and never echoes the value (it may be a secret pasted in by mistake).
 * Query parameters arrive as strings; a parameter given twice arrives as an array and is refused.
 */
public final class Fields {

  private final JsonObject json;
  private final boolean query;

  private Fields(JsonObject json, boolean query) {
    this.json = json == null ? new JsonObject() : json;
    this.query = query;
  }

  public static Fields body(JsonObject json) {
    return new Fields(json, false);
  }

  public static Fields query(JsonObject params) {
    return new Fields(params, true);
  }

  /** Present, even if null: for updates where absent means "unchanged" and null means "clear". */
  public boolean has(String name) {
    return json.containsKey(name);
  }

  public Optional<String> string(String name) {
    Object value = value(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw invalid(name, "a string");
    }
    if (text.indexOf('\u0000') >= 0) {
      throw invalid(name, "text without NUL characters");
    }
    return Optional.of(text);
  }

  public String requireString(String name) {
    return string(name).orElseThrow(() -> missing(name));
  }

  public Optional<UUID> uuid(String name) {
    return string(name).map(text -> parseUuid(name, text));
  }

  public UUID requireUuid(String name) {
    return uuid(name).orElseThrow(() -> missing(name));
  }

  public Optional<Boolean> bool(String name) {
    Object value = value(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean flag) {
      return Optional.of(flag);
    }
    if (query && ("true".equals(value) || "false".equals(value))) {
      return Optional.of(Boolean.parseBoolean((String) value));
    }
    throw invalid(name, "true or false");
  }

  public Optional<Long> integer(String name) {
    Object value = value(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer || value instanceof Long) {
      return Optional.of(((Number) value).longValue());
    }
    if (query && value instanceof String text && text.matches("-?\\d{1,18}")) {
      return Optional.of(Long.parseLong(text));
    }
    throw invalid(name, "a whole number");
  }

  /** An RFC 3339 time with an offset, such as {@code 2027-01-31T12:00:00Z}. */
  public Optional<Instant> instant(String name) {
    return string(name).map(text -> {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw invalid(name, "an RFC 3339 time such as 2027-01-31T12:00:00Z");
      }
    });
  }

  public Optional<JsonObject> object(String name) {
    Object value = value(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonObject object)) {
      throw invalid(name, "a JSON object");
    }
    return Optional.of(object);
  }

  /** As {@link #object(String)}, at most {@code maxBytes} long (413 otherwise). */
  public Optional<JsonObject> object(String name, int maxBytes) {
    return object(name).map(object -> atMostBytes(name, object, maxBytes));
  }

  /**
   * The value, if its JSON is at most {@code maxBytes} long in UTF-8; a 413 naming the field and the limit otherwise.
   * Everything stored as JSON is read back in lists, audit history and pages, so its size is every later read's.
   */
  public static JsonObject atMostBytes(String name, JsonObject value, int maxBytes) {
    if (value.toBuffer().length() > maxBytes) {
      throw ApiError.tooLarge("'" + name + "' must be at most " + maxBytes + " bytes of JSON");
    }
    return value;
  }

  /** One of the given names, exactly (enum values are PascalCase strings in this API). */
  public Optional<String> oneOf(String name, java.util.List<String> allowed) {
    return string(name).map(text -> {
      if (!allowed.contains(text)) {
        throw invalid(name, "one of " + String.join(", ", allowed));
      }
      return text;
    });
  }

  public static UUID parseUuid(String name, String text) {
    if (text.length() != 36) {
      throw invalid(name, "a UUID");
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw invalid(name, "a UUID");
    }
  }

  public static ApiError invalid(String name, String expected) {
    return ApiError.badRequest("'" + name + "' must be " + expected);
  }

  public static ApiError missing(String name) {
    return ApiError.badRequest("'" + name + "' is required");
  }

  private Object value(String name) {
    Object value = json.getValue(name);
    if (query && value != null && !(value instanceof String)) {
      throw ApiError.badRequest("'" + name + "' must be given once");
    }
    return value;
  }
}
