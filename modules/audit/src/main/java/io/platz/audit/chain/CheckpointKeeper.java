package io.platz.audit.chain;

import io.platz.audit.api.AuditCheckpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pump's side of the checkpoints: signs each head it moves to, writes it to the file off the event loop and
 * then publishes it at {@link AuditCheckpoint#ADDRESS}. Writes do not queue up behind a busy pump: while one is
 * under way only the newest head waits, so under load the file trails the chain by one fsync at most. On the
 * verticle's context only.
 */
public final class CheckpointKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointKeeper.class);

  private final Vertx vertx;
  private final Checkpoints checkpoints;
  private AuditCheckpoint last;
  private AuditCheckpoint waiting;
  private boolean writing;
  private Future<Void> written = Future.succeededFuture();

  private CheckpointKeeper(Vertx vertx, Checkpoints checkpoints, AuditCheckpoint last) {
    this.vertx = vertx;
    this.checkpoints = checkpoints;
    this.last = last;
  }

  /** Fails if the file is there and does not verify: the chain cannot be checked against it, nor moved past it. */
  public static Future<CheckpointKeeper> load(Vertx vertx, Checkpoints checkpoints) {
    return vertx.executeBlocking(checkpoints::read)
        .map(read -> new CheckpointKeeper(vertx, checkpoints, read.orElse(null)));
  }

  public Path file() {
    return checkpoints.file();
  }

  /** The newest head this process signed, or read from the file at start. */
  public Optional<AuditCheckpoint> last() {
    return Optional.ofNullable(last);
  }

  public void advance(long seq, byte[] hash) {
    last = checkpoints.sign(seq, hash, Instant.now());
    if (writing) {
      waiting = last;
    } else {
      write(last);
    }
  }

  /** Completes once every checkpoint signed so far is in the file. */
  public Future<Void> flushed() {
    return written.transform(done -> writing ? flushed() : Future.succeededFuture());
  }

  private void write(AuditCheckpoint checkpoint) {
    writing = true;
    written = vertx.<Void>executeBlocking(() -> {
          checkpoints.write(checkpoint);
          return null;
        }, false)
        .onSuccess(done -> vertx.eventBus().publish(AuditCheckpoint.ADDRESS, checkpoint.toJson()))
        .onFailure(failure -> LOG.error("cannot write the audit checkpoint {}: {}", checkpoints.file(), failure.toString()))
        .onComplete(done -> {
          writing = false;
          if (waiting != null) {
            AuditCheckpoint next = waiting;
            waiting = null;
            write(next);
          }
        });
  }
}
