package io.platz.audit.chain;

import io.platz.common.crypto.HmacSha256;
import io.platz.audit.api.AuditCheckpoint;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs audit checkpoints and keeps the latest in a file outside the database. Blocking: never on an event loop.
 * The file is replaced atomically (a temporary file, fsync'd, renamed over it, and the directory fsync'd), so a
 * crash leaves the old checkpoint or the new one, never half of one.
 */
public final class Checkpoints {

  private final Path file;
  private final byte[] key;

  public Checkpoints(Path file, byte[] checkpointKey) {
    this.file = file;
    this.key = checkpointKey.clone();
  }

  public Path file() {
    return file;
  }

  public AuditCheckpoint sign(long seq, byte[] hash, Instant at) {
    String hex = HexFormat.of().formatHex(hash);
    return new AuditCheckpoint(seq, hex, at, HexFormat.of().formatHex(mac(seq, hex, at)));
  }

  public boolean valid(AuditCheckpoint checkpoint) {
    byte[] expected = mac(checkpoint.seq(), checkpoint.hash(), checkpoint.at());
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(checkpoint.mac()));
  }

  /** The checkpoint in the file, or none if there is no file yet; fails if the file does not verify. */
  public Optional<AuditCheckpoint> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    AuditCheckpoint checkpoint;
    try {
      checkpoint = AuditCheckpoint.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the audit checkpoint " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (!valid(checkpoint)) {
      throw new IllegalStateException("the audit checkpoint " + file + " does not verify under the server key");
    }
    return Optional.of(checkpoint);
  }

  public void write(AuditCheckpoint checkpoint) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path partial = directory.resolve(file.getFileName() + ".new");
    byte[] bytes = (checkpoint.toJson().encode() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(ByteBuffer.wrap(bytes));
      out.force(true);
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    // the rename itself is durable only once the directory is
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private byte[] mac(long seq, String hash, Instant at) {
    String sealed = "platz audit checkpoint\n" + seq + "\n" + hash + "\n" + at;
    return HmacSha256.keyed(key).doFinal(sealed.getBytes(StandardCharsets.UTF_8));
  }
}
