package io.platz.audit.chain;

import io.platz.audit.AuditEvents;
import io.platz.common.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers, chains and publishes audit events, after their transactions committed.
 *
 * <p>Writers only insert their events; this pump gives them a gap-free {@code seq} and a chained hash in the order
 * they become visible, then publishes every event past the last published {@code seq} on the event bus, in order,
 * and moves that mark. Publishing before moving the mark makes delivery at-least-once: a crash in between means
 * the next pump publishes those events again, and consumers deduplicate on {@code seq}. One process pumps at a
 * time (a PostgreSQL advisory lock), so {@code seq} order is publication order across instances too.
 */
public final class AuditPump {

  private static final Logger LOG = LoggerFactory.getLogger(AuditPump.class);
  private static final int BATCH = 500;
  private static final String LOCK = "SELECT pg_try_advisory_lock(hashtext('platz.audit.pump'))";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('platz.audit.pump'))";
  private static final String UNSEQUENCED = "SELECT position, " + AuditChain.HASHED_COLUMNS
      + " FROM audit_events WHERE seq IS NULL ORDER BY position LIMIT " + BATCH + " FOR UPDATE";
  /** The events get their seq and hash, and the chain head moves, in one statement: the pump's delay is every consumer's. */
  private static final String ASSIGN = """
      WITH assigned AS (
          UPDATE audit_events e SET seq = u.seq, hash = u.hash
          FROM unnest($1::bigint[], $2::bigint[], $3::bytea[]) AS u(position, seq, hash)
          WHERE e.position = u.position)
      UPDATE audit_chain SET last_seq = $4, last_hash = $5""";
  private static final String UNPUBLISHED = "SELECT " + AuditEvents.COLUMNS
      + " FROM audit_events e WHERE e.seq > (SELECT published_seq FROM audit_chain) ORDER BY e.seq LIMIT " + BATCH;

  private final Vertx vertx;
  private final Pool pool;
  private final AuditChain chain;
  private Future<Void> running = Future.succeededFuture();
  private boolean pumping;
  private boolean again;

  public AuditPump(Vertx vertx, Pool pool, AuditChain chain) {
    this.vertx = vertx;
    this.pool = pool;
    this.chain = chain;
  }

  /** Runs a pump now, or once more after the one under way: wakes coalesce, none is lost. Event loop only. */
  public void wake() {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    again = false;
    running = pump()
        .onFailure(failure -> LOG.warn("audit events not published yet, will retry: {}", failure.toString()))
        .otherwiseEmpty()
        .onComplete(done -> {
          pumping = false;
          if (again) {
            wake();
          }
        });
  }

  /** Completes when no pump is under way: lets the verticle stop between batches. */
  public Future<Void> idle() {
    return running;
  }

  private Future<Void> pump() {
    return pool.getConnection().compose(connection -> connection.query(LOCK).execute()
        .compose(locked -> locked.iterator().next().getBoolean(0)
            ? drain(connection).eventually(() -> connection.query(UNLOCK).execute())
            : Future.succeededFuture())
        .eventually(connection::close)
        .mapEmpty());
  }

  private Future<Void> drain(SqlConnection connection) {
    return sequence(connection)
        .compose(sequenced -> publish(connection)
            .compose(published -> sequenced == BATCH || published == BATCH ? drain(connection) : Future.succeededFuture()));
  }

  /** One transaction: the next events without a seq get one, with their hashes, and the chain head moves. */
  private Future<Integer> sequence(SqlConnection connection) {
    return connection.begin().compose(tx -> connection.query("SELECT last_seq, last_hash FROM audit_chain FOR UPDATE").execute()
        .compose(head -> connection.query(UNSEQUENCED).execute().compose(events -> {
          if (events.size() == 0) {
            return Future.succeededFuture(0);
          }
          Row top = head.iterator().next();
          long seq = top.getLong("last_seq");
          byte[] hash = top.getBuffer("last_hash").getBytes();
          List<Long> positions = new ArrayList<>();
          List<Long> seqs = new ArrayList<>();
          List<Buffer> hashes = new ArrayList<>();
          for (Row event : events) {
            seq++;
            hash = chain.next(hash, seq, event);
            positions.add(event.getLong("position"));
            seqs.add(seq);
            hashes.add(Buffer.buffer(hash));
          }
          return connection.preparedQuery(ASSIGN)
              .execute(Tuple.tuple().addArrayOfLong(positions.toArray(Long[]::new)).addArrayOfLong(seqs.toArray(Long[]::new))
                  .addArrayOfBuffer(hashes.toArray(Buffer[]::new)).addLong(seq).addBuffer(Buffer.buffer(hash)))
              .map(events.size());
        }))
        .compose(count -> tx.commit().map(count), failure -> tx.rollback().transform(rolledBack -> Future.failedFuture(failure))));
  }

  /** Publishes the events past the published mark, in seq order, then moves the mark. */
  private Future<Integer> publish(SqlConnection connection) {
    return connection.query(UNPUBLISHED).execute()
        .compose(events -> {
          if (events.size() == 0) {
            return Future.succeededFuture(0);
          }
          long last = 0;
          for (Row event : events) {
            vertx.eventBus().publish(Addresses.Audit.EVENTS, AuditEvents.toJson(event));
            last = event.getLong("seq");
          }
          return connection.preparedQuery("UPDATE audit_chain SET published_seq = $1 WHERE published_seq < $1")
              .execute(Tuple.of(last)).map(events.size());
        });
  }
}
