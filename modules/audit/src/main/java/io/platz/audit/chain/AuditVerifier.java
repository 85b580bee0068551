package io.platz.audit.chain;

import io.platz.audit.AuditEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Recomputes the whole chain from the first event: every {@code seq} must follow the one before it and every hash
 * must be what the key and the event's fields give. Answers the first {@code seq} that does not match, or none.
 */
public final class AuditVerifier {

  private static final int BATCH = 1000;

  /** How a verification came out: {@code firstBroken} is empty when the chain is intact. */
  public record Result(long events, OptionalLong firstBroken) {
  }

  private final Pool pool;
  private final AuditChain chain;

  public AuditVerifier(Pool pool, AuditChain chain) {
    this.pool = pool;
    this.chain = chain;
  }

  public Future<Result> verify() {
    return check(0, AuditChain.GENESIS, 0);
  }

  private Future<Result> check(long lastSeq, byte[] lastHash, long checked) {
    return pool.preparedQuery("SELECT l.seq, l.hash, " + AuditChain.HASHED_COLUMNS + " FROM " + AuditEvents.LINKED
            + " WHERE l.seq > $1 ORDER BY l.seq LIMIT " + BATCH)
        .execute(Tuple.of(lastSeq))
        .compose(rows -> checkBatch(rows, lastSeq, lastHash, checked));
  }

  private Future<Result> checkBatch(RowSet<Row> rows, long lastSeq, byte[] lastHash, long checkedBefore) {
    long seq = lastSeq;
    byte[] hash = lastHash;
    long checked = checkedBefore;
    for (Row event : rows) {
      long expected = seq + 1;
      byte[] computed = chain.next(hash, expected, event);
      if (event.getLong("seq") != expected || !Arrays.equals(computed, event.getBuffer("hash").getBytes())) {
        return Future.succeededFuture(new Result(checked, OptionalLong.of(expected)));
      }
      seq = expected;
      hash = computed;
      checked++;
    }
    return rows.size() == BATCH ? check(seq, hash, checked) : head(seq, hash, checked);
  }

  /** The chain head must name the last event: events cut off the end would otherwise go unnoticed. */
  private Future<Result> head(long seq, byte[] hash, long checked) {
    return pool.query("SELECT last_seq, last_hash FROM audit_chain").execute().map((RowSet<Row> rows) -> {
      Row head = rows.iterator().next();
      boolean matches = head.getLong("last_seq") == seq && Arrays.equals(head.getBuffer("last_hash").getBytes(), hash);
      return new Result(checked, matches ? OptionalLong.empty() : OptionalLong.of(seq + 1));
    });
  }
}
