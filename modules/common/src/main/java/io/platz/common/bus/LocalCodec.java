package io.platz.common.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries module requests and their answers as they are: records are immutable, and an answer that is not (an
 * encoded body, JSON) is handed over by the module that built it, so neither encoding nor a copy is needed between
 * two verticles of one process. Such a message cannot leave the process; trying to
 * put one on the wire is a bug and fails loudly instead of sending something another JVM cannot read.
 */
final class LocalCodec implements MessageCodec<Object, Object> {

  static final String NAME = "platz.local";

  @Override
  public void encodeToWire(Buffer buffer, Object body) {
    throw new IllegalStateException("a module request never leaves its process, yet a " + body.getClass().getName()
        + " was sent to another member of the cluster");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException("a module request never arrives from another process");
  }

  @Override
  public Object transform(Object body) {
    return body;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
