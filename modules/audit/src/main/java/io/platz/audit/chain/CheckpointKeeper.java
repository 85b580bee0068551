package io.platz.audit.chain;

import io.platz.audit.api.AuditCheckpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pump's side of the checkpoints: signs each head it moves to, writes it to the file off the event loop and
 * then publishes it at {@link AuditCheckpoint#ADDRESS}. Under load the pump moves the head every few milliseconds,
 * and an fsync each time would contend with PostgreSQL's own on the same disk; so writes start at most every
 * {@link #INTERVAL_MS}, each with the newest head, and the file trails the chain by that much at most. On the
 * verticle's context only.
 */
public final class CheckpointKeeper {

  static final long INTERVAL_MS = 200;
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointKeeper.class);

  private final Vertx vertx;
  private final Checkpoints checkpoints;
  private AuditCheckpoint last;
  /** Signed and not yet being written. */
  private AuditCheckpoint waiting;
  /** A write is under way, or waits for its turn. */
  private boolean busy;
  private long nextWriteTimer = -1;
  private long lastWriteStarted = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
  private Promise<Void> idle;

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
    waiting = last;
    if (!busy) {
      busy = true;
      writeInTurn();
    }
  }

  /** Completes once every checkpoint signed so far is in the file; one waiting for its turn is written now. */
  public Future<Void> flushed() {
    if (!busy) {
      return Future.succeededFuture();
    }
    if (nextWriteTimer != -1 && vertx.cancelTimer(nextWriteTimer)) {
      nextWriteTimer = -1;
      writeWaiting();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    return idle.future();
  }

  private void writeInTurn() {
    long wait = INTERVAL_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWriteStarted);
    if (wait > 0) {
      nextWriteTimer = vertx.setTimer(wait, timer -> {
        nextWriteTimer = -1;
        writeWaiting();
      });
    } else {
      writeWaiting();
    }
  }

  private void writeWaiting() {
    AuditCheckpoint checkpoint = waiting;
    waiting = null;
    lastWriteStarted = System.nanoTime();
    vertx.<Void>executeBlocking(() -> {
          checkpoints.write(checkpoint);
          return null;
        }, false)
        .onSuccess(done -> vertx.eventBus().publish(AuditCheckpoint.ADDRESS, checkpoint.toJson(), new DeliveryOptions().setLocalOnly(true)))
        .onFailure(failure -> LOG.error("cannot write the audit checkpoint {}: {}", checkpoints.file(), failure.toString()))
        .onComplete(done -> {
          if (waiting != null) {
            writeInTurn();
            return;
          }
          busy = false;
          if (idle != null) {
            idle.complete();
            idle = null;
          }
        });
  }
}
