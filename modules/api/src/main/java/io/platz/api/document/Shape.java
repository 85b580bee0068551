package io.platz.api.document;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How a record's JSON object differs from a plain, closed set of its fields. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Shape {

  /** Other keys than the fields are allowed and kept (a free-form object with some known fields). */
  boolean open() default false;

  /** Written where it is used rather than as a named schema of its own. */
  boolean inline() default false;

  /**
   * Externally tagged: the object has exactly one of the fields, its key the field's name capitalised
   * ({@code {"InvokeAction": {...}}}), as upstream Platz's Rust enums are serialised.
   */
  boolean oneKey() default false;

  /** Exactly one of these fields is set (not null), the others absent or null. */
  String[] exactlyOneOf() default {};

  /** The record describes a {@code text/event-stream}, which the document's tooling cannot give a schema for. */
  boolean eventStream() default false;
}
