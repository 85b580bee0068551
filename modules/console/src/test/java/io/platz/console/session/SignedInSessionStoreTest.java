package io.platz.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.impl.SessionInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's rules, as the session handler drives it: at most 2 sessions a person, 3 in all, none anonymous. */
class SignedInSessionStoreTest {

  private static final long THIRTY_MINUTES = 30 * 60 * 1000;
  private static Vertx vertx;

  private final SignedInSessionStore store = new SignedInSessionStore(vertx, 2, 3);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** As the session handler leaves a sign-in: its id regenerated, the old one deleted, the session stored. */
  private Session signIn(String person, long timeout) {
    Session session = store.createSession(timeout);
    return signIn(session, person);
  }

  private Session signIn(Session session, String person) {
    session.regenerateId();
    session.put(Sessions.PERSON, person);
    store.delete(session.oldId());
    store.put(session);
    ((SessionInternal) session).flushed(false);
    return session;
  }

  private boolean held(Session session) {
    return store.get(session.id()).await() != null;
  }

  @Test
  void aSessionThatWasNeverSignedInIsNotKept() {
    Session visitor = store.createSession(THIRTY_MINUTES);
    visitor.put("anything", "at all");
    store.put(visitor);
    assertThat(held(visitor)).isFalse();
    assertThat(store.count()).isZero();
  }

  @Test
  void aPersonsThirdSignInEndsTheirFirst() {
    Session first = signIn("ann", THIRTY_MINUTES);
    Session second = signIn("ann", THIRTY_MINUTES);
    Session bens = signIn("ben", THIRTY_MINUTES);
    Session third = signIn("ann", THIRTY_MINUTES);
    assertThat(held(first)).isFalse();
    assertThat(held(second)).isTrue();
    assertThat(held(third)).isTrue();
    assertThat(held(bens)).isTrue();
    assertThat(store.count()).isEqualTo(3);
  }

  @Test
  void beyondTheLimitTheSessionIdleLongestEnds() {
    Session ann = signIn("ann", THIRTY_MINUTES);
    Session ben = signIn("ben", THIRTY_MINUTES);
    Session cas = signIn("cas", THIRTY_MINUTES);
    store.put(ann);
    Session dan = signIn("dan", THIRTY_MINUTES);
    assertThat(held(ben)).as("idle longest").isFalse();
    assertThat(held(ann)).isTrue();
    assertThat(held(cas)).isTrue();
    assertThat(held(dan)).isTrue();
  }

  @Test
  void aSessionEndedWhileARequestOfItWasUnderWayDoesNotComeBack() {
    Session first = signIn("ann", THIRTY_MINUTES);
    signIn("ann", THIRTY_MINUTES);
    signIn("ann", THIRTY_MINUTES);
    store.put(first);
    assertThat(held(first)).isFalse();
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void anIdleSessionEnds() {
    Session idle = signIn("ann", -1);
    Session active = signIn("ben", THIRTY_MINUTES);
    assertThat(held(idle)).isFalse();
    assertThat(held(active)).isTrue();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void signingOutGivesThePersonsPlaceBack() {
    Session first = signIn("ann", THIRTY_MINUTES);
    Session second = signIn("ann", THIRTY_MINUTES);
    store.delete(first.id());
    Session third = signIn("ann", THIRTY_MINUTES);
    assertThat(held(second)).isTrue();
    assertThat(held(third)).isTrue();
  }

  @Test
  void signingInAsSomeoneElseMovesTheSessionToThem() {
    Session session = signIn("ann", THIRTY_MINUTES);
    String before = session.id();
    signIn(session, "ben");
    assertThat(store.get(before).await()).isNull();
    assertThat(held(session)).isTrue();
    Session anns = signIn("ann", THIRTY_MINUTES);
    Session annsOther = signIn("ann", THIRTY_MINUTES);
    assertThat(held(anns)).as("ann's first session no longer counts as hers").isTrue();
    assertThat(held(annsOther)).isTrue();
  }
}
