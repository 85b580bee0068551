package io.platz.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.platz.common.error.ApiError;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses request bodies strictly: a duplicated key, a nesting deeper than 32, a trailing token or invalid
 * UTF-8 is a 400, never silently "last one wins". Vert.x's own decoder is lenient about all of these.
 * Nor does any value pass that could not be stored and read back as sent: PostgreSQL's {@code jsonb} and
 * {@code text} refuse NUL, a lone UTF-16 surrogate (half of an escaped emoji) would be written as {@code ?}, and
 * a number beyond a double ({@code 1e309}) would come back as {@code "Infinity"}; each is a 400 naming its place.
 */
public final class JsonBodies {

  private static final int MAX_DEPTH = 32;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonParser.Feature.ALLOW_COMMENTS)
      .build();

  private JsonBodies() {
  }

  /** An empty body is an empty object: every field of every request body here is optional or checked later. */
  public static JsonObject parseObject(byte[] body) {
    if (body == null || body.length == 0) {
      return new JsonObject();
    }
    Object value;
    try {
      value = MAPPER.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw ApiError.badRequest("the request body is not valid JSON");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw ApiError.badRequest("the request body must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) map;
    object.forEach((key, field) -> checkStorable(key, field));
    return new JsonObject(object);
  }

  /** Every key and value under {@code path}; the message names the place, never the text found there. */
  private static void checkStorable(String path, Object value) {
    if (value instanceof String text) {
      checkText(text, "'" + path + "'");
    } else if (value instanceof Double number && !Double.isFinite(number)) {
      throw ApiError.badRequest("'" + path + "' must be a finite number");
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, field) -> {
        checkText((String) key, "a key in '" + path + "'");
        checkStorable(path + "." + key, field);
      });
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkStorable(path + "[" + i + "]", list.get(i));
      }
    }
  }

  private static void checkText(String text, String where) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        throw ApiError.badRequest(where + " must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiError.badRequest(where + " must not contain a lone UTF-16 surrogate");
      }
    }
  }

  /**
   * What is wrong and where, in our words: Jackson's own messages quote the offending input, which may be a
   * secret the client pasted into the wrong place.
   */
  private static String describe(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    String what;
    if (e instanceof StreamConstraintsException) {
      what = "nested deeper than " + MAX_DEPTH + " levels";
    } else if (message.startsWith("Duplicate field")) {
      what = "a field appears twice";
    } else if (message.contains("UTF-8") || message.contains("UTF8")) {
      what = "not valid UTF-8";
    } else if (message.contains("end-of-input")) {
      what = "it ends too early";
    } else if (message.contains("Trailing token")) {
      what = "there is more after the JSON value";
    } else {
      what = "malformed";
    }
    return e.getLocation() == null ? what
        : what + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
