package io.platz.api.document;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The JSON schemas of request and answer bodies, read from the records that describe them: a record is an object
 * whose fields are its components (camelCase in Java, snake_case in JSON), an enum is a string of its values, and
 * each named type becomes one entry of {@code components/schemas} that the document refers to. What a Java type
 * cannot say comes from the annotations of this package.
 */
public final class Schemas {

  private static final String REF = "#/components/schemas/";

  private final JsonObject components = new JsonObject();
  private final Map<String, Type> named = new HashMap<>();

  /** {@code components/schemas}: every named schema referred to so far. */
  public JsonObject components() {
    return components;
  }

  /** The schema of a body of this type: a reference to its named schema, or the schema itself when it has no name. */
  public JsonObject of(Type type) {
    return schema(type, Map.of());
  }

  /** Whether a body of this record type has at least one field the caller must send. */
  public static boolean requiresSomething(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).anyMatch(component -> !component.isAnnotationPresent(MayBeAbsent.class));
  }

  /** The schema of one field as a parameter shows it: its type and bounds, with its description left to the parameter. */
  public JsonObject ofParameter(RecordComponent component) {
    return constrained(component, schema(component.getGenericType(), Map.of()));
  }

  /** A record component's JSON name: {@code descriptionMd} is {@code description_md}. */
  public static String jsonName(RecordComponent component) {
    return component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }

  public static String description(AnnotatedElement element) {
    Doc doc = element.getAnnotation(Doc.class);
    return doc == null ? null : doc.value();
  }

  private JsonObject schema(Type type, Map<TypeVariable<?>, Type> bound) {
    if (type instanceof TypeVariable<?> variable) {
      return schema(bound.get(variable), bound);
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = Arrays.stream(parameterized.getActualTypeArguments())
          .map(argument -> argument instanceof TypeVariable<?> variable ? bound.get(variable) : argument).toArray(Type[]::new);
      if (List.class.isAssignableFrom(raw)) {
        return new JsonObject().put("type", "array").put("items", schema(arguments[0], bound));
      }
      Map<TypeVariable<?>, Type> binding = new HashMap<>();
      for (int i = 0; i < arguments.length; i++) {
        binding.put(raw.getTypeParameters()[i], arguments[i]);
      }
      String name = raw.getSimpleName() + Arrays.stream(arguments).map(argument -> ((Class<?>) argument).getSimpleName())
          .reduce("", String::concat);
      return named(name, parameterized, () -> record(raw, binding));
    }
    Class<?> javaType = (Class<?>) type;
    if (javaType == String.class) {
      return new JsonObject().put("type", "string");
    }
    if (javaType == UUID.class) {
      return new JsonObject().put("type", "string").put("format", "uuid");
    }
    if (javaType == Instant.class) {
      return new JsonObject().put("type", "string").put("format", "date-time");
    }
    if (javaType == boolean.class || javaType == Boolean.class) {
      return new JsonObject().put("type", "boolean");
    }
    if (javaType == int.class || javaType == Integer.class) {
      return new JsonObject().put("type", "integer");
    }
    if (javaType == long.class || javaType == Long.class) {
      return new JsonObject().put("type", "integer").put("format", "int64");
    }
    if (javaType == JsonObject.class) {
      return new JsonObject().put("type", "object").put("additionalProperties", true);
    }
    if (javaType == Object.class) {
      return new JsonObject();
    }
    if (javaType.isEnum()) {
      return named(javaType.getSimpleName(), javaType, () -> enumeration(javaType));
    }
    if (javaType.isRecord()) {
      Shape shape = javaType.getAnnotation(Shape.class);
      return shape != null && shape.inline() ? record(javaType, Map.of()) : named(javaType.getSimpleName(), javaType, () -> record(javaType, Map.of()));
    }
    throw new IllegalArgumentException("no JSON schema for " + javaType + ": use a record, an enum or a JSON type");
  }

  private JsonObject named(String name, Type type, Supplier<JsonObject> schema) {
    Type earlier = named.putIfAbsent(name, type);
    if (earlier != null && !earlier.equals(type)) {
      throw new IllegalStateException("two body types are both named " + name + ": " + earlier + " and " + type);
    }
    if (earlier == null) {
      components.put(name, schema.get());
    }
    return new JsonObject().put("$ref", REF + name);
  }

  private static JsonObject enumeration(Class<?> type) {
    JsonArray values = new JsonArray();
    for (Object constant : type.getEnumConstants()) {
      values.add(enumValue((Enum<?>) constant));
    }
    return withDescription(new JsonObject().put("type", "string").put("enum", values), description(type));
  }

  /** Its {@code jsonName()} where the enum has one, else PascalCase ({@code NOT_FOUND} is {@code NotFound}). */
  private static String enumValue(Enum<?> constant) {
    try {
      return (String) constant.getDeclaringClass().getMethod("jsonName").invoke(constant);
    } catch (NoSuchMethodException e) {
      StringBuilder pascal = new StringBuilder();
      for (String word : constant.name().split("_")) {
        pascal.append(word.charAt(0)).append(word.substring(1).toLowerCase());
      }
      return pascal.toString();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot name " + constant, e);
    }
  }

  private JsonObject record(Class<?> type, Map<TypeVariable<?>, Type> bound) {
    Shape shape = type.getAnnotation(Shape.class);
    String description = description(type);
    if (description != null) {
      for (Map.Entry<TypeVariable<?>, Type> entry : bound.entrySet()) {
        description = description.replace("{" + entry.getKey().getName() + "}", ((Class<?>) entry.getValue()).getSimpleName());
      }
    }
    if (shape != null && shape.oneKey()) {
      return withDescription(new JsonObject(), description).put("oneOf", oneKeyVariants(type));
    }
    JsonObject schema = withDescription(new JsonObject().put("type", "object"), description);
    JsonArray required = new JsonArray();
    JsonObject properties = new JsonObject();
    for (RecordComponent component : type.getRecordComponents()) {
      if (!component.isAnnotationPresent(MayBeAbsent.class)) {
        required.add(jsonName(component));
      }
      properties.put(jsonName(component), field(component, bound));
    }
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    if (!properties.isEmpty()) {
      schema.put("properties", properties);
    }
    if (shape != null && shape.open()) {
      schema.put("additionalProperties", true);
    }
    if (shape != null && shape.exactlyOneOf().length > 0) {
      schema.put("oneOf", exactlyOneOf(shape.exactlyOneOf(), properties));
    }
    return schema;
  }

  /** One object per component, with that component's capitalised name as its only key. */
  private JsonArray oneKeyVariants(Class<?> type) {
    JsonArray variants = new JsonArray();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = Character.toUpperCase(component.getName().charAt(0)) + component.getName().substring(1);
      variants.add(new JsonObject().put("type", "object").put("required", new JsonArray().add(key))
          .put("properties", new JsonObject().put(key, schema(component.getGenericType(), Map.of())))
          .put("additionalProperties", false));
    }
    return variants;
  }

  private static JsonArray exactlyOneOf(String[] names, JsonObject properties) {
    JsonArray branches = new JsonArray();
    for (String set : names) {
      JsonObject branch = new JsonObject().put(set, new JsonObject().put("type", properties.getJsonObject(set).getString("type")));
      for (String other : names) {
        if (!other.equals(set)) {
          branch.put(other, new JsonObject().put("nullable", true).put("enum", new JsonArray().addNull()));
        }
      }
      branches.add(new JsonObject().put("required", new JsonArray().add(set)).put("properties", branch));
    }
    return branches;
  }

  private JsonObject field(RecordComponent component, Map<TypeVariable<?>, Type> bound) {
    JsonObject schema = constrained(component, schema(component.getGenericType(), bound));
    boolean nullable = component.isAnnotationPresent(Nullable.class);
    String description = description(component);
    if (schema.containsKey("$ref") && (nullable || description != null)) {
      // OpenAPI 3.0 ignores whatever stands beside a $ref
      schema = new JsonObject().put("allOf", new JsonArray().add(schema));
    }
    if (nullable) {
      schema.put("nullable", true);
    }
    return withDescription(schema, description);
  }

  private static JsonObject constrained(RecordComponent component, JsonObject schema) {
    Field field = component.getAnnotation(Field.class);
    if (field == null) {
      return schema;
    }
    if (field.oneOf().length > 0) {
      schema.put("enum", new JsonArray(List.of((Object[]) field.oneOf())));
    }
    putIf(schema, "format", field.format(), !field.format().isEmpty());
    putIf(schema, "minLength", field.minLength(), field.minLength() >= 0);
    putIf(schema, "maxLength", field.maxLength(), field.maxLength() >= 0);
    putIf(schema, "pattern", field.pattern(), !field.pattern().isEmpty());
    putIf(schema, "minimum", field.minimum(), field.minimum() != Long.MIN_VALUE);
    putIf(schema, "maximum", field.maximum(), field.maximum() != Long.MAX_VALUE);
    putIf(schema, "minItems", field.minItems(), field.minItems() >= 0);
    putIf(schema, "maxItems", field.maxItems(), field.maxItems() >= 0);
    if (!field.defaultJson().isEmpty()) {
      schema.put("default", Json.decodeValue(field.defaultJson()));
    }
    return schema;
  }

  private static void putIf(JsonObject schema, String key, Object value, boolean present) {
    if (present) {
      schema.put(key, value);
    }
  }

  private static JsonObject withDescription(JsonObject schema, String description) {
    return description == null ? schema : schema.put("description", description);
  }
}
