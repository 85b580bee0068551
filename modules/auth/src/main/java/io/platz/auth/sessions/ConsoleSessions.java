package io.platz.auth.sessions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.platz.auth.credentials.LastUsedRecorder;
import io.platz.auth.credentials.TokenHasher;
import io.platz.auth.identities.Users;
import io.platz.common.auth.AuthRequests.EndSession;
import io.platz.common.auth.AuthRequests.ListSessions;
import io.platz.common.auth.AuthRequests.ResumeSession;
import io.platz.common.auth.AuthRequests.StartSession;
import io.platz.common.error.ApiError;
import io.platz.common.token.TokenKind;
import io.platz.persistence.Tx;
import io.platz.persistence.sql.Columns;
import io.platz.persistence.sql.NamedParameters;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The console's signed-in sessions, in {@code console_sessions}, so that every instance on the database sees the
 * same ones. A session is found by a keyed hash of its secret (the browser's cookie holds the secret) and is alive
 * while it was used within {@link #IDLE}, its person is active and the token it signed in with (by id) is live: all
 * checked in the one statement that finds it, so a sign-out, a revocation or a deactivation on any instance ends it
 * at the next request on every instance. A person holds at most {@code perPerson} sessions (signing in once more
 * ends their oldest), the database at most {@code max} (signing in beyond it ends the one idle longest).
 *
 * <p>{@code platz_console_sessions} is the number of live sessions in the database, counted again whenever this
 * instance starts or ends one and at each {@link #sweep}.
 */
public final class ConsoleSessions {

  public static final Duration IDLE = Duration.ofMinutes(30);
  /** As {@code make_interval} takes seconds. */
  private static final double IDLE_SECONDS = IDLE.toSeconds();
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Alive: used within the idle timeout, by an active person, with a live token if it signed in with one. */
  private static final String LIVE = """
      s.secret_hash = $1 AND s.last_seen_at > clock_timestamp() - make_interval(secs => $2)
        AND u.id = s.user_id AND u.is_active
        AND (s.token_id IS NULL OR EXISTS (SELECT 1 FROM user_tokens t WHERE t.id = s.token_id
          AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())))""";
  private static final String CHECK = "SELECT s.id AS session_id, s.token_id, " + Users.COLUMNS
      + " FROM console_sessions s, users u WHERE " + LIVE;
  private static final String USE = "UPDATE console_sessions s SET last_seen_at = clock_timestamp() FROM users u WHERE "
      + LIVE + " RETURNING s.id AS session_id, s.token_id, " + Users.COLUMNS;

  private final Pool pool;
  private final TokenHasher hasher;
  private final LastUsedRecorder lastUsed;
  private final int perPerson;
  private final int max;
  private final AtomicLong held = new AtomicLong();

  public ConsoleSessions(Pool pool, TokenHasher hasher, LastUsedRecorder lastUsed, int perPerson, int max,
                         MeterRegistry metrics) {
    this.pool = pool;
    this.hasher = hasher;
    this.lastUsed = lastUsed;
    this.perPerson = perPerson;
    this.max = max;
    Gauge.builder("platz.console.sessions", held, AtomicLong::get)
        .description("signed-in console sessions in the database, of every instance").register(metrics);
  }

  /**
   * → {"secret"}: a new session of an active person (with a
   * live token of theirs, if given), ending the one it replaces in this browser. The person's row is locked, so
   * that their sign-ins on several instances at once still keep to their limit. Fails 401 otherwise.
   */
  public Future<JsonObject> start(StartSession request) {
    UUID person = request.userId();
    String secret = newSecret();
    NamedParameters session = NamedParameters.of().bind("id", UUID.randomUUID()).bind("secret_hash", hash(secret))
        .bind("user_id", person).bind("token_id", request.tokenId()).bind("how", request.how())
        .bind("from_address", request.from());
    return Tx.run(pool, tx -> tx.sql().preparedQuery("""
                SELECT 1 FROM users u WHERE u.id = $1 AND u.is_active
                  AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM user_tokens t WHERE t.id = $2 AND t.user_id = u.id
                    AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())))
                FOR UPDATE""")
            .execute(Tuple.of(person, request.tokenId()))
            .compose(active -> {
              if (active.size() == 0) {
                throw ApiError.unauthorized();
              }
              return endReplaced(tx, request.replaces());
            })
            .compose(replaced -> tx.sql().preparedQuery(session.sql("""
                    INSERT INTO console_sessions (id, secret_hash, user_id, token_id, how, from_address, signed_in_at, last_seen_at)
                    VALUES (:id, :secret_hash, :user_id, :token_id, :how, :from_address, clock_timestamp(), clock_timestamp())"""))
                .execute(session.values()))
            .compose(inserted -> tx.sql().preparedQuery("""
                    DELETE FROM console_sessions WHERE id IN (SELECT id FROM console_sessions WHERE user_id = $1
                      ORDER BY signed_in_at DESC OFFSET $2)""")
                .execute(Tuple.of(person, perPerson)))
            .compose(oldest -> tx.sql().preparedQuery("""
                    DELETE FROM console_sessions WHERE id IN (SELECT id FROM console_sessions
                      ORDER BY last_seen_at DESC OFFSET $1)""")
                .execute(Tuple.of(max))))
        .compose(done -> recount())
        .map(new JsonObject().put("secret", secret));
  }

  /**
   * → {"identity", "me", "handle"} of the session while it is alive, {"ended": true} if it was
   * alive until its person or token no longer was (it is deleted now), or {} if there is none. {@code use} marks it
   * used now, and its token as used, as a click does; a check of an open page's event stream does not.
   */
  public Future<JsonObject> resume(ResumeSession request) {
    String secret = request.secret();
    if (!wellFormed(secret)) {
      return Future.succeededFuture(new JsonObject());
    }
    Buffer hash = hash(secret);
    boolean use = request.use();
    return pool.preparedQuery(use ? USE : CHECK).execute(Tuple.of(hash, IDLE_SECONDS)).compose(rows -> {
      if (rows.size() == 0) {
        return endDead(hash);
      }
      Row row = rows.iterator().next();
      UUID tokenId = row.getUUID("token_id");
      if (use && tokenId != null) {
        lastUsed.note(TokenKind.USER, tokenId, Instant.now());
      }
      return Future.succeededFuture(new JsonObject().put("identity", Users.identity(row, tokenId).toJson())
          .put("me", Users.toJson(row)).put("handle", row.getUUID("session_id").toString()));
    });
  }

  /** → {"items": [{"handle", "how", "from", "signed_in_at", "last_seen_at", "current"}]}: its person's sessions, oldest sign-in first. */
  public Future<JsonObject> list(ListSessions request) {
    String secret = request.secret();
    if (!wellFormed(secret)) {
      return Future.succeededFuture(new JsonObject().put("items", new JsonArray()));
    }
    return pool.preparedQuery("""
            SELECT o.id, o.how, o.from_address, o.signed_in_at, o.last_seen_at, o.id = s.id AS current
            FROM console_sessions s JOIN console_sessions o ON o.user_id = s.user_id
            WHERE s.secret_hash = $1 AND o.last_seen_at > clock_timestamp() - make_interval(secs => $2)
            ORDER BY o.signed_in_at""")
        .execute(Tuple.of(hash(secret), IDLE_SECONDS))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(new JsonObject().put("handle", row.getUUID("id").toString())
              .put("how", row.getString("how")).put("from", row.getString("from_address"))
              .put("signed_in_at", Columns.time(row, "signed_in_at")).put("last_seen_at", Columns.time(row, "last_seen_at"))
              .put("current", row.getBoolean("current"))));
          return new JsonObject().put("items", items);
        });
  }

  /**
   * → {"ended": whether a session ended}: without a handle the session itself (sign-out),
   * with one, that session of the same person.
   */
  public Future<JsonObject> end(EndSession request) {
    String secret = request.secret();
    String handle = request.handle();
    if (!wellFormed(secret)) {
      return Future.succeededFuture(new JsonObject().put("ended", false));
    }
    Buffer hash = hash(secret);
    Future<Integer> ended = handle == null
        ? pool.preparedQuery("DELETE FROM console_sessions WHERE secret_hash = $1").execute(Tuple.of(hash)).map(rows -> rows.rowCount())
        : pool.preparedQuery("""
                DELETE FROM console_sessions o USING console_sessions s
                WHERE s.secret_hash = $1 AND o.user_id = s.user_id AND o.id = $2""")
            .execute(Tuple.of(hash, UUID.fromString(handle))).map(rows -> rows.rowCount());
    return ended.compose(count -> recount().map(new JsonObject().put("ended", count > 0)));
  }

  /**
   * Deletes the sessions idle past their timeout. Any number of instances may run it at once: each deletes what
   * is left to delete, and a row another has deleted is simply not there.
   */
  public Future<Void> sweep() {
    return pool.preparedQuery("DELETE FROM console_sessions WHERE last_seen_at <= clock_timestamp() - make_interval(secs => $1)")
        .execute(Tuple.of(IDLE_SECONDS))
        .compose(deleted -> recount());
  }

  private Future<Void> endReplaced(Tx tx, String replaces) {
    return wellFormed(replaces)
        ? tx.sql().preparedQuery("DELETE FROM console_sessions WHERE secret_hash = $1")
            .execute(Tuple.of(hash(replaces))).mapEmpty()
        : Future.succeededFuture();
  }

  /** Not alive: deleted, and told apart from none (or one idle past its timeout) for the sign-in page's notice. */
  private Future<JsonObject> endDead(Buffer hash) {
    return pool.preparedQuery("""
            DELETE FROM console_sessions WHERE secret_hash = $1
            RETURNING last_seen_at > clock_timestamp() - make_interval(secs => $2) AS ended""")
        .execute(Tuple.of(hash, IDLE_SECONDS))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(new JsonObject())
            : recount().map(new JsonObject().put("ended", rows.iterator().next().getBoolean("ended"))));
  }

  private Future<Void> recount() {
    return pool.preparedQuery("SELECT count(*) FROM console_sessions WHERE last_seen_at > clock_timestamp() - make_interval(secs => $1)")
        .execute(Tuple.of(IDLE_SECONDS))
        .map(rows -> {
          held.set(rows.iterator().next().getLong(0));
          return null;
        });
  }

  private Buffer hash(String secret) {
    return Buffer.buffer(hasher.hashSessionSecret(secret));
  }

  private static boolean wellFormed(String secret) {
    return secret != null && SECRET.matcher(secret).matches();
  }

  /** 256 random bits, base64url: the cookie's value. */
  private static String newSecret() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
