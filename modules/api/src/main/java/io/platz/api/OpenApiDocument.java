package io.platz.api;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3 document of the JSON API, served unauthenticated at {@code /api/v2/openapi.json}. It is written by
 * hand next to this class; add an operation to it with every endpoint. {@code OpenApiDocumentTest} compares it with
 * {@link Endpoints} and the routes this module mounts itself, and the app's {@code OpenApiConformanceTest} checks
 * every real answer against its schemas.
 */
public final class OpenApiDocument {

  public static final String RESOURCE = "io/platz/api/openapi.json";
  public static final String PATH = "/openapi.json";

  private OpenApiDocument() {
  }

  /** The document as bundled, byte for byte; fails if the jar lacks it. */
  public static Buffer load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
