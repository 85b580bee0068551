package io.platz.api.document;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a field's Java type does not say: the bounds the server enforces and the default it applies. Each attribute
 * left at its default is not written to the document.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Field {
  int minLength() default -1;

  int maxLength() default -1;

  String pattern() default "";

  String format() default "";

  long minimum() default Long.MIN_VALUE;

  long maximum() default Long.MAX_VALUE;

  int minItems() default -1;

  int maxItems() default -1;

  /** The default as JSON ({@code "false"}, {@code "[]"}, {@code "\"asc\""}); empty: none. */
  String defaultJson() default "";

  /** For a {@code String} field: the only values allowed. */
  String[] oneOf() default {};
}
