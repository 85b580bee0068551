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
import java.util.Map;

/**
 * Parses request bodies strictly: a duplicated key, a nesting deeper than 32, a trailing token or invalid
 * UTF-8 is a 400, never silently "last one wins". Vert.x's own decoder is lenient about all of these.
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
    return new JsonObject(object);
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
