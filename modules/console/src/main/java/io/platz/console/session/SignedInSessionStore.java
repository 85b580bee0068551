package io.platz.console.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's sessions, in this process, and only signed-in ones: a visitor who has not signed in has nothing
 * stored, so no number of them costs memory. A person holds at most {@code perPerson} sessions (signing in once
 * more ends their oldest), the process at most {@code max} (signing in beyond it ends the session idle longest),
 * and a session idle for its timeout ends.
 *
 * <p>One store serves every HTTP verticle instance, so each operation holds its lock, briefly: none waits for
 * anything, and ending idle sessions costs only as many steps as there are to end.
 */
public final class SignedInSessionStore implements SessionStore {

  /** Under the id it was stored with: signing in again regenerates a session's id before the old one is deleted. */
  private record Stored(String id, Session session, String person) {
  }

  private final VertxContextPRNG random;
  private final int perPerson;
  private final int max;
  /** In the order they were last stored, which is the order of their last use: the first is idle longest. */
  private final LinkedHashMap<String, Stored> sessions = new LinkedHashMap<>();
  /** Each person's session ids, oldest sign-in first. */
  private final Map<String, Deque<String>> byPerson = new HashMap<>();

  public SignedInSessionStore(Vertx vertx, int perPerson, int max) {
    this.random = VertxContextPRNG.current(vertx);
    this.perPerson = perPerson;
    this.max = max;
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    return this;
  }

  @Override
  public long retryTimeout() {
    return 0;
  }

  @Override
  public Session createSession(long timeout) {
    return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new SharedDataSessionImpl(random, timeout, length);
  }

  @Override
  public synchronized Future<Session> get(String id) {
    endIdle();
    Stored stored = sessions.get(id);
    if (stored != null && idle(stored, System.currentTimeMillis())) {
      end(id);
      stored = null;
    }
    return Future.succeededFuture(stored == null ? null : stored.session());
  }

  @Override
  public synchronized Future<Void> delete(String id) {
    end(id);
    return Future.succeededFuture();
  }

  /**
   * Keeps a signed-in session: one already here, now the one used last, or one just signed in (its id was
   * regenerated). Any other is not kept: a visitor's who has not signed in, or one that ended (by a limit, or
   * idle) while a request of it was under way, which must not come back.
   */
  @Override
  public synchronized Future<Void> put(Session session) {
    Stored kept = sessions.remove(session.id());
    if (kept != null) {
      sessions.put(session.id(), new Stored(session.id(), session, kept.person()));
    } else if (session.isRegenerated() && session.get(Sessions.PERSON) != null) {
      signedIn(session);
    }
    endIdle();
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> clear() {
    sessions.clear();
    byPerson.clear();
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> size() {
    return Future.succeededFuture(count());
  }

  /**
   * One of a person's sessions as their profile lists it, by its handle: never by its id, which is as good as the
   * session itself.
   */
  public record Listed(String handle, String how, String from, long signedInAt, long lastSeen, boolean current) {
  }

  /** {@code person}'s sessions, oldest sign-in first; {@code currentId} marks the one asking. */
  public synchronized List<Listed> sessionsOf(String person, String currentId) {
    endIdle();
    return byPerson.getOrDefault(person, new ArrayDeque<>()).stream().map(sessions::get).map(stored -> {
      Session session = stored.session();
      return new Listed(session.get(Sessions.HANDLE), session.get(Sessions.HOW), session.get(Sessions.FROM),
          session.<Long>get(Sessions.SIGNED_IN_AT), session.lastAccessed(), stored.id().equals(currentId));
    }).toList();
  }

  /** Ends {@code person}'s session of this handle; false when they have none by it. */
  public synchronized boolean end(String person, String handle) {
    Optional<String> id = byPerson.getOrDefault(person, new ArrayDeque<>()).stream()
        .filter(own -> handle.equals(sessions.get(own).session().get(Sessions.HANDLE))).findFirst();
    id.ifPresent(this::end);
    return id.isPresent();
  }

  /** The signed-in sessions held now. */
  public synchronized int count() {
    endIdle();
    return sessions.size();
  }

  @Override
  public void close() {
    clear();
  }

  private void signedIn(Session session) {
    String person = session.get(Sessions.PERSON);
    sessions.put(session.id(), new Stored(session.id(), session, person));
    Deque<String> own = byPerson.computeIfAbsent(person, p -> new ArrayDeque<>());
    own.addLast(session.id());
    while (own.size() > perPerson) {
      end(own.peekFirst());
    }
    while (sessions.size() > max) {
      end(sessions.keySet().iterator().next());
    }
  }

  /** From the one idle longest, as long as they are past their timeout. */
  private void endIdle() {
    long now = System.currentTimeMillis();
    Iterator<Stored> oldest = sessions.values().iterator();
    while (oldest.hasNext()) {
      Stored stored = oldest.next();
      if (!idle(stored, now)) {
        return;
      }
      oldest.remove();
      unlist(stored);
    }
  }

  private static boolean idle(Stored stored, long now) {
    return now - stored.session().lastAccessed() > stored.session().timeout();
  }

  private void end(String id) {
    Stored stored = sessions.remove(id);
    if (stored != null) {
      unlist(stored);
    }
  }

  private void unlist(Stored stored) {
    Deque<String> own = byPerson.get(stored.person());
    own.remove(stored.id());
    if (own.isEmpty()) {
      byPerson.remove(stored.person());
    }
  }
}
