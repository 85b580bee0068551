package example.auditconsumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import java.nio.file.Path;

/**
 * The seq of the last event printed, kept in memory and saved to a file now and then, so that a restart goes on
 * from there. Saving at every event would cap the consumer at a few hundred events a second (two file operations
 * each) and leave it behind a busy installation. The file is replaced whole (written beside it, then moved over
 * it), so a crash leaves an older value or the new one, never half of one.
 */
final class LastSeq {

  private final Vertx vertx;
  private final Path file;
  private long value;
  private long saved;
  private Future<Void> saving = Future.succeededFuture();

  private LastSeq(Vertx vertx, Path file, long value) {
    this.vertx = vertx;
    this.file = file;
    this.value = value;
    this.saved = value;
  }

  static Future<LastSeq> load(Vertx vertx, Path file) {
    return vertx.fileSystem().exists(file.toString())
        .compose(exists -> exists ? vertx.fileSystem().readFile(file.toString()).map(text -> Long.parseLong(text.toString().strip()))
            : Future.succeededFuture(0L))
        .map(seq -> new LastSeq(vertx, file, seq));
  }

  long value() {
    return value;
  }

  void advance(long seq) {
    value = seq;
  }

  /** Writes the value unless the file has it already; one write at a time, after the one under way. */
  Future<Void> save() {
    saving = saving.transform(previous -> value == saved ? Future.succeededFuture() : write(value));
    return saving;
  }

  private Future<Void> write(long seq) {
    String next = file + ".next";
    return vertx.fileSystem().writeFile(next, Buffer.buffer(seq + "\n"))
        .compose(written -> vertx.fileSystem().move(next, file.toString(),
            new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
        .onSuccess(moved -> saved = seq);
  }
}
