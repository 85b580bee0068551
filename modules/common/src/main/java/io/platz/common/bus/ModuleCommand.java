package io.platz.common.bus;

import io.vertx.core.buffer.Buffer;

/**
 * An operation of the HTTP API, decided and handed to the module that owns it: the answer is the HTTP body,
 * already encoded, or null for a 204. A write may wait on the database and the cluster, so it gets longer.
 */
public interface ModuleCommand<O extends Operation> extends Request<Buffer> {

  O operation();

  Command command();

  @Override
  default long timeoutMillis() {
    return 15_000;
  }
}
