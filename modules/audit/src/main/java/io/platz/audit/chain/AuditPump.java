package io.platz.audit.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.platz.audit.AuditEvents;
import io.platz.audit.api.AuditCheckpoint;
import io.platz.audit.api.AuditTrail;
import io.platz.common.bus.Addresses;
import io.platz.persistence.sql.NamedParameters;
import io.platz.persistence.sql.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers, chains and publishes audit events, after their transactions committed.
 *
 * <p>Writers only insert their events; this pump gives them a gap-free {@code seq} and a chained hash in the order
 * they become visible, as a row of {@code audit_links} beside each (the event row is never written again),
 * publishes them on the event bus in that order, and then moves the published mark. Publishing
 * before moving the mark makes delivery at-least-once: a crash in between means the next pump publishes those events
 * again, and consumers deduplicate on {@code seq}.
 *
 * <p>One process pumps at a time: it takes a PostgreSQL advisory lock when events arrive and keeps it until it
 * finds none left, so {@code seq} order is publication order across instances too, and under load a cycle is two
 * statements (read the new events, number them). While it holds the lock nobody else moves the chain head, so the
 * pump keeps the head in memory; the numbering statement moves it only from the value the pump knows, so a pump
 * that lost its lock unawares numbers nothing.
 *
 * <p>It numbers only rows Platz wrote: a row without a valid {@link EventMac}, or whose id another row carries too,
 * is refused (an ERROR line naming the row, {@code platz_audit_events_refused_total}) and recorded in
 * {@code audit_refused} by the same statement that numbers the rest, so it is never looked at again. After each
 * batch the new head goes to the {@link CheckpointKeeper}; a database whose chain no longer holds the last
 * checkpoint's event (it was cut, and perhaps numbered again from there) gets nothing more numbered.
 */
public final class AuditPump {

  private static final Logger LOG = LoggerFactory.getLogger(AuditPump.class);
  /** As many as a page of events, so that a batch too is bounded in bytes (events are, see AuditTrail). */
  private static final int BATCH = PageRequest.maxPerPage(AuditTrail.MAX_EVENT_BYTES);
  private static final String LOCK = "SELECT pg_try_advisory_lock(hashtext('platz.audit.pump'))";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('platz.audit.pump'))";
  /** The bus header that carries when an event committed, where PostgreSQL tracks commit timestamps. */
  public static final String COMMITTED_AT = "committed_at";
  /**
   * The events with no link yet, from the transactions that may have ended since the last look: those that began
   * after it ({@code xact} at or above its snapshot's xmax) and those it saw running. With each event come this
   * look's own snapshot bounds, for the next. Linked events in that range are skipped by one probe each of the
   * links' index. {@code OFFSET 0} keeps that probe a probe: as a join, the planner would hash all of
   * {@code audit_links} for every batch while the tables are new and it has no statistics to tell it that the range
   * is small (measured: 80-100 ms a batch at 70,000 events).
   */
  private static final String UNLINKED = "SELECT e.position, e.xact, " + AuditChain.HASHED_COLUMNS
      + ", e.data, e.mac, CASE WHEN $1 THEN pg_xact_commit_timestamp(e.xmin) END AS committed_at"
      + ", EXISTS (SELECT 1 FROM audit_events d WHERE d.id = e.id AND d.position <> e.position) AS duplicate"
      + ", pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS began_after"
      + ", ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(pg_current_snapshot()) AS x) AS running"
      + " FROM audit_events e WHERE (e.xact >= $2 OR e.xact = ANY($3::bigint[]))"
      + " AND NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.position = e.position OFFSET 0)"
      + " AND NOT EXISTS (SELECT 1 FROM audit_refused r WHERE r.position = e.position OFFSET 0)"
      + " ORDER BY e.xact, e.position LIMIT " + BATCH;
  /**
   * Where the pump left off is never above the oldest transaction running now, except in a database restored into
   * a server whose transaction ids are lower (a logical dump, say): there, as kept, it would pass over every new
   * event.
   */
  private static final String HEAD = """
      SELECT last_seq, last_hash, published_seq,
             LEAST(pending_from, pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AS pending_from,
             pending_running, current_setting('track_commit_timestamp') = 'on' AS commit_times,
             (SELECT hash FROM audit_links WHERE seq = $1) AS checkpointed_hash
      FROM audit_chain""";
  /**
   * The events get their links (seq, the head's counted on in the order given, and hash), the refused rows their
   * mark, and the head, the published mark and where the pump left off move, in one statement. Event rows
   * themselves are never written again.
   */
  private static final String ASSIGN = """
      WITH head AS (
          UPDATE audit_chain
          SET last_seq = :last_seq, last_hash = :last_hash, published_seq = :published_seq,
              pending_from = :pending_from, pending_running = :pending_running
          WHERE last_seq = :head_seq RETURNING 1),
      linked AS (
          INSERT INTO audit_links (seq, position, hash)
          SELECT :head_seq + u.n, u.position, u.hash
          FROM unnest(:positions::bigint[], :hashes::bytea[]) WITH ORDINALITY AS u(position, hash, n), head),
      refused AS (
          INSERT INTO audit_refused (position) SELECT unnest(:refused::bigint[]) FROM head ON CONFLICT DO NOTHING)
      SELECT count(*) FROM head""";
  private static final String UNPUBLISHED = "SELECT " + AuditEvents.COLUMNS + " FROM " + AuditEvents.LINKED
      + " WHERE l.seq > $1 AND l.seq <= $2 ORDER BY l.seq LIMIT " + BATCH;

  private final Vertx vertx;
  private final Pool pool;
  private final AuditChain chain;
  private final EventMac macs;
  private final CheckpointKeeper checkpoints;
  private final Counter refusals;
  private boolean cutReported;
  private Future<Void> running = Future.succeededFuture();
  private boolean pumping;
  private boolean again;
  private boolean stopping;

  public AuditPump(Vertx vertx, Pool pool, AuditChain chain, EventMac macs, CheckpointKeeper checkpoints,
                   MeterRegistry metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.chain = chain;
    this.macs = macs;
    this.checkpoints = checkpoints;
    this.refusals = Counter.builder("platz.audit.events.refused")
        .description("audit event rows the pump would not number: not written by Platz, or a copy of another")
        .register(metrics);
  }

  /** Runs a pump now, or once more after the one under way: wakes coalesce, none is lost. On the verticle's context only. */
  public void wake() {
    if (stopping) {
      return;
    }
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

  /**
   * Starts no pump from now on, ends the one under way after its current batch, and completes when it has and its
   * last checkpoint is in the file.
   */
  public Future<Void> stop() {
    stopping = true;
    return running.transform(done -> checkpoints.flushed());
  }

  private Future<Void> pump() {
    return pool.getConnection().compose(connection -> connection.query(LOCK).execute()
        .compose(locked -> locked.iterator().next().getBoolean(0)
            ? connection.preparedQuery(HEAD).execute(Tuple.of(checkpoints.last().map(AuditCheckpoint::seq).orElse(0L)))
                .map(rows -> rows.iterator().next())
                .compose(row -> cutSinceCheckpoint(row) ? Future.succeededFuture()
                    : catchUp(connection, new Head(row)).compose(head -> drain(connection, head)))
                .eventually(() -> connection.query(UNLOCK).execute())
            : Future.succeededFuture())
        .eventually(connection::close)
        .mapEmpty());
  }

  /**
   * Whether the chain in the database lost the event of the last checkpoint: it ends before it, or has another event
   * in its place. Numbering on would write the lost seqs again, and the next checkpoint would hide the cut.
   */
  private boolean cutSinceCheckpoint(Row head) {
    Optional<AuditCheckpoint> checkpoint = checkpoints.last();
    Buffer hash = head.getBuffer("checkpointed_hash");
    boolean cut = checkpoint.isPresent()
        && (hash == null || !HexFormat.of().formatHex(hash.getBytes()).equals(checkpoint.get().hash()));
    if (cut && !cutReported) {
      LOG.error("the audit chain in the database no longer holds seq {} of the checkpoint {} ({}): it was cut or "
              + "rewritten; no event is numbered until it is investigated (see docs/reliability.md)",
          checkpoint.get().seq(), checkpoint.get().at(), checkpoints.file());
    }
    cutReported = cut;
    return cut;
  }

  /** Publishes what an earlier pump numbered but did not get to publish (it crashed, or lost its connection). */
  private Future<Head> catchUp(SqlConnection connection, Head head) {
    if (head.published >= head.seq) {
      return Future.succeededFuture(head);
    }
    return connection.preparedQuery(UNPUBLISHED).execute(Tuple.of(head.published, head.seq))
        .compose(events -> {
          for (Row event : events) {
            // late by a restart or a lost connection, which is not the delivery time consumers are promised
            publish(AuditEvents.toJson(event), null);
            head.published = event.getLong("seq");
          }
          // seq has no gaps, so an empty answer cannot happen short of someone deleting events; do not loop on it
          return events.size() == 0 ? Future.succeededFuture(head) : catchUp(connection, head);
        });
  }

  /**
   * Numbers and publishes batches of new events until none is left (or the pump is stopping); then records how far
   * publication got. Under steady load that is an unbounded number of cycles, so they are a loop over one promise,
   * not a chain of futures that would grow with every cycle.
   */
  private Future<Void> drain(SqlConnection connection, Head head) {
    Promise<Void> drained = Promise.promise();
    cycle(connection, head, unlinked(connection, head), drained);
    return drained.future();
  }

  /**
   * The read of the next batch goes out right behind the statement that numbers this one, without waiting for its
   * answer: one connection runs them in order, so the read sees this batch numbered, and a cycle under load costs
   * one round trip instead of two.
   */
  private void cycle(SqlConnection connection, Head head, Future<RowSet<Row>> read, Promise<Void> drained) {
    read.onFailure(drained::tryFail).onSuccess(events -> {
      if (events.size() == 0 || stopping) {
        markPublished(connection, head).onComplete(drained);
        return;
      }
      head.leftOff(events);
      Future<Void> numbered = sequence(connection, head, events);
      Future<RowSet<Row>> next = unlinked(connection, head);
      numbered.onFailure(drained::tryFail).onSuccess(done -> cycle(connection, head, next, drained));
    });
  }

  private Future<Void> markPublished(SqlConnection connection, Head head) {
    if (head.published == head.publishedInDatabase) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("UPDATE audit_chain SET published_seq = $1").execute(Tuple.of(head.published))
        .mapEmpty();
  }

  private Future<RowSet<Row>> unlinked(SqlConnection connection, Head head) {
    return connection.preparedQuery(UNLINKED).execute(Tuple.of(head.commitTimes, head.pendingFrom, head.pendingRunning));
  }

  /**
   * One statement numbers and chains the events Platz wrote and marks the others refused; once it has committed,
   * the numbered ones are published and the refused ones reported.
   */
  private Future<Void> sequence(SqlConnection connection, Head head, RowSet<Row> events) {
    long seq = head.seq;
    byte[] hash = head.hash;
    List<Long> positions = new ArrayList<>();
    List<Buffer> hashes = new ArrayList<>();
    List<Numbered> numbered = new ArrayList<>();
    List<Row> refused = new ArrayList<>();
    for (Row event : events) {
      if (event.getBoolean("duplicate") || !macs.matches(event)) {
        refused.add(event);
        continue;
      }
      seq++;
      hash = chain.next(hash, seq, event);
      positions.add(event.getLong("position"));
      hashes.add(Buffer.buffer(hash));
      numbered.add(new Numbered(AuditEvents.toJson(event, seq, hash), event.getOffsetDateTime("committed_at")));
    }
    long last = seq;
    byte[] lastHash = hash;
    NamedParameters assignment = NamedParameters.of()
        .bind("positions", positions.toArray(Long[]::new))
        .bind("hashes", hashes.toArray(Buffer[]::new))
        .bind("last_seq", last)
        .bind("last_hash", Buffer.buffer(lastHash))
        .bind("head_seq", head.seq)
        .bind("published_seq", head.published)
        .bind("pending_from", head.pendingFrom)
        .bind("pending_running", head.pendingRunning)
        .bind("refused", refused.stream().map(event -> event.getLong("position")).toArray(Long[]::new));
    return connection.preparedQuery(assignment.sql(ASSIGN)).execute(assignment.values())
        .compose(moved -> {
          if (moved.iterator().next().getLong(0) == 0) {
            return Future.failedFuture(new IllegalStateException("the audit chain head moved under this pump"));
          }
          refused.forEach(this::report);
          head.publishedInDatabase = head.published;
          if (numbered.isEmpty()) {
            return Future.succeededFuture();
          }
          head.seq = last;
          head.hash = lastHash;
          numbered.forEach(event -> publish(event.json(), event.committedAt()));
          head.published = last;
          checkpoints.advance(last, lastHash);
          return Future.succeededFuture();
        });
  }

  private void report(Row event) {
    refusals.increment();
    LOG.error("audit event row refused, not numbered nor published: position {}, id {}: {}", event.getLong("position"),
        event.getUUID("id"), event.getBoolean("duplicate") ? "another row has the same id"
            : "no valid MAC, so Platz did not write it");
  }

  /** The body is the event alone; when it committed, if known, travels as a header that consumers may ignore. */
  private void publish(JsonObject event, OffsetDateTime committedAt) {
    DeliveryOptions options = new DeliveryOptions();
    if (committedAt != null) {
      options.addHeader(COMMITTED_AT, committedAt.toInstant().toString());
    }
    vertx.eventBus().publish(Addresses.AUDIT_EVENTS, event, options);
  }

  private record Numbered(JsonObject json, OffsetDateTime committedAt) {
  }

  /** The chain head and the published mark, as this pump knows them while it holds the lock. */
  private static final class Head {
    long seq;
    byte[] hash;
    long published;
    long publishedInDatabase;
    /** Where the next look starts: transactions from this id on, and these, which were running at the last. */
    long pendingFrom;
    Long[] pendingRunning;
    final boolean commitTimes;

    Head(Row row) {
      commitTimes = row.getBoolean("commit_times");
      seq = row.getLong("last_seq");
      hash = row.getBuffer("last_hash").getBytes();
      published = row.getLong("published_seq");
      publishedInDatabase = published;
      pendingFrom = row.getLong("pending_from");
      pendingRunning = row.getArrayOfLongs("pending_running");
    }

    /**
     * Every transaction below this look's xmax that it did not see running had ended, so its events were visible
     * and came back, unless the batch was cut at its limit: then only the transactions before the last one returned
     * are done with. Either way the ones running at this look must be looked at again. A transaction left open
     * for hours is then one id to look for, not every event written since it began.
     */
    void leftOff(RowSet<Row> events) {
      Row last = null;
      for (Row event : events) {
        last = event;
      }
      pendingFrom = events.size() < BATCH ? last.getLong("began_after") : last.getLong("xact");
      pendingRunning = last.getArrayOfLongs("running");
    }
  }
}
