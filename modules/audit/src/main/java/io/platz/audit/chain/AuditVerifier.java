package io.platz.audit.chain;

import io.platz.audit.AuditEvents;
import io.platz.audit.api.AuditCheckpoint;
import io.platz.persistence.ServerKeys;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks the audit trail with the server's key: recomputes the whole chain from the first event (every {@code seq}
 * must follow the one before it and every hash must be what the key and the event's fields give), holds it against
 * the checkpoint kept outside the database (the chain must reach the checkpoint's seq with the checkpoint's hash),
 * and looks for event rows the pump refused or would refuse (no valid MAC, or another row's id). Each finding is a
 * line of the result; none means intact.
 */
public final class AuditVerifier {

  private static final int BATCH = 1000;
  /** Rows inserted by hand can be many; the first few name the kind of tampering, the count says the rest. */
  private static final int ROWS_NAMED = 10;
  private static final String FOREIGN_ROWS = "SELECT e.position, " + EventMac.COLUMNS
      + ", EXISTS (SELECT 1 FROM audit_events d WHERE d.id = e.id AND d.position <> e.position) AS duplicate"
      + ", EXISTS (SELECT 1 FROM audit_refused r WHERE r.position = e.position) AS refused"
      + " FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.position = e.position)"
      + " ORDER BY e.position";

  /**
   * How a verification came out: {@code problems} is empty when the trail is intact; {@code firstBroken} is the
   * first seq where the chain itself does not hold.
   */
  public record Result(long events, List<String> problems, OptionalLong firstBroken) {

    public boolean intact() {
      return problems.isEmpty();
    }
  }

  private final Pool pool;
  private final AuditChain chain;
  private final EventMac macs;
  private final Checkpoints checkpoints;

  public AuditVerifier(Pool pool, ServerKeys keys, Path checkpointFile) {
    this.pool = pool;
    this.chain = new AuditChain(keys.auditKey());
    this.macs = new EventMac(keys.auditEventKey());
    this.checkpoints = new Checkpoints(checkpointFile, keys.auditCheckpointKey());
  }

  /** Blocking (it reads the checkpoint file): for the command line and tests, not an event loop. */
  public Future<Result> verify() {
    Walk walk = new Walk();
    try {
      walk.checkpoint = checkpoints.read();
    } catch (IllegalStateException e) {
      walk.problems.add(e.getMessage());
    }
    return check(walk)
        .compose(done -> foreignRows(walk))
        .map(done -> new Result(walk.checked, List.copyOf(walk.problems), walk.firstBroken));
  }

  private Future<Void> check(Walk walk) {
    return pool.preparedQuery("SELECT l.seq, l.hash, " + AuditChain.HASHED_COLUMNS + " FROM " + AuditEvents.LINKED
            + " WHERE l.seq > $1 ORDER BY l.seq LIMIT " + BATCH)
        .execute(Tuple.of(walk.seq))
        .compose(rows -> {
          boolean whole = checkBatch(rows, walk);
          if (!whole) {
            return Future.succeededFuture();
          }
          return rows.size() == BATCH ? check(walk) : head(walk);
        });
  }

  /** False at the first event that breaks the chain. */
  private boolean checkBatch(RowSet<Row> rows, Walk walk) {
    for (Row event : rows) {
      long expected = walk.seq + 1;
      if (event.getLong("seq") != expected) {
        walk.broken(expected, "seq " + expected + " is missing: an event was deleted");
        return false;
      }
      byte[] computed = chain.next(walk.hash, expected, event);
      if (!Arrays.equals(computed, event.getBuffer("hash").getBytes())) {
        walk.broken(expected, "seq " + expected + " does not match the chain");
        return false;
      }
      walk.seq = expected;
      walk.hash = computed;
      walk.checked++;
      walk.checkpoint.filter(checkpoint -> checkpoint.seq() == expected)
          .ifPresent(checkpoint -> walk.hashAtCheckpoint = HexFormat.of().formatHex(computed));
    }
    return true;
  }

  /**
   * The chain head must name the last event, and the chain must reach the checkpoint with the checkpoint's hash:
   * events cut off the end would otherwise go unnoticed.
   */
  private Future<Void> head(Walk walk) {
    walk.checkpoint.ifPresent(checkpoint -> {
      if (walk.seq < checkpoint.seq()) {
        walk.broken(walk.seq + 1, "the chain ends at seq " + walk.seq + ", before seq " + checkpoint.seq()
            + " of the checkpoint of " + checkpoint.at() + ": events were cut off its end");
      } else if (!checkpoint.hash().equals(walk.hashAtCheckpoint)) {
        walk.broken(checkpoint.seq(), "seq " + checkpoint.seq() + " is not the event the checkpoint of "
            + checkpoint.at() + " saw: the chain was cut there and numbered again");
      }
    });
    return pool.query("SELECT last_seq, last_hash FROM audit_chain").execute().map((RowSet<Row> rows) -> {
      Row head = rows.iterator().next();
      if (head.getLong("last_seq") != walk.seq || !Arrays.equals(head.getBuffer("last_hash").getBytes(), walk.hash)) {
        walk.broken(walk.seq + 1, "the chain ends at seq " + walk.seq + " but its head says seq " + head.getLong("last_seq"));
      }
      return null;
    });
  }

  /** Rows no seq was given to that Platz did not write, or that copy another row's id. */
  private Future<Void> foreignRows(Walk walk) {
    return pool.query(FOREIGN_ROWS).execute().map(rows -> {
      long foreign = 0;
      for (Row row : rows) {
        boolean copy = row.getBoolean("duplicate");
        if (!row.getBoolean("refused") && !copy && macs.matches(row)) {
          continue; // written by Platz and not numbered yet: the pump of a running server will
        }
        if (++foreign <= ROWS_NAMED) {
          walk.problems.add("event row at position " + row.getLong("position") + " (id " + row.getUUID("id") + ") "
              + (copy ? "copies the id of another row" : "was not written by Platz (no valid MAC)")
              + ": inserted into the database, never numbered");
        }
      }
      if (foreign > ROWS_NAMED) {
        walk.problems.add((foreign - ROWS_NAMED) + " more event rows like these");
      }
      return null;
    });
  }

  /** How far the check got, and what it found. */
  private static final class Walk {
    long seq;
    byte[] hash = AuditChain.GENESIS;
    long checked;
    Optional<AuditCheckpoint> checkpoint = Optional.empty();
    String hashAtCheckpoint;
    OptionalLong firstBroken = OptionalLong.empty();
    final List<String> problems = new ArrayList<>();

    void broken(long seq, String problem) {
      if (firstBroken.isEmpty()) {
        firstBroken = OptionalLong.of(seq);
      }
      problems.add(problem);
    }
  }
}
