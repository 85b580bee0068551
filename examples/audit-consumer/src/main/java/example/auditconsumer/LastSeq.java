package example.auditconsumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import java.nio.file.Path;

/**
 * The seq of the last event printed, in a file, so that a restart goes on from there. The file is replaced whole
 * (written beside it, then moved over it), so a crash leaves the old value or the new one, never half of one.
 */
final class LastSeq {

  private final Vertx vertx;
  private final Path file;
  private long value;

  private LastSeq(Vertx vertx, Path file, long value) {
    this.vertx = vertx;
    this.file = file;
    this.value = value;
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

  Future<Void> save(long seq) {
    value = seq;
    String next = file + ".next";
    return vertx.fileSystem().writeFile(next, Buffer.buffer(seq + "\n"))
        .compose(written -> vertx.fileSystem().move(next, file.toString(),
            new CopyOptions().setReplaceExisting(true).setAtomicMove(true)));
  }
}
