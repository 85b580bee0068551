package io.platz.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.AuditTrailProbe;
import io.platz.app.support.EventStream.Message;
import io.platz.app.support.EventStream;
import io.platz.app.support.Eventually;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.SharedPlatform;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v2/audit-events/stream} as a consumer outside the JVM sees it: resumed from the database and then
 * live with nothing lost or repeated at the seam, the list's filters and scope, ended or narrowed while it runs when
 * its credential dies or loses a role, and a consumer that stops reading costs no unbounded buffer.
 */
class AuditEventStreamTest {

  private static final String STREAM = "/api/v2/audit-events/stream";

  @RegisterExtension
  static final SharedPlatform PLATZ = new SharedPlatform(Map.of("PLATZ_AUDIT_STREAM_KEEPALIVE_SECONDS", "1"));

  private static Api api;
  private static Fixtures fixtures;
  private static String admin;

  @BeforeAll
  static void start() {
    api = PLATZ.api();
    fixtures = PLATZ.fixtures();
    admin = PLATZ.admin();
  }

  @Test
  void resumesFromTheDatabaseThenGoesLiveWithNoGapAndNoRepeatWhileEventsAreWritten() throws Exception {
    long from = settled();
    writeBots(350, 4);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try (EventStream stream = EventStream.open(api, STREAM + "?after_seq=" + from, admin)) {
      // written while the stream reads its pages of the database, and after it went live
      List<Future<?>> during = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        during.add(writers.submit(() -> writeBots(100, 1)));
      }
      for (Future<?> writer : during) {
        writer.get();
      }
      long last = settled();
      List<Long> seqs = stream.eventsThrough(last).stream().map(Message::seq).toList();
      assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(from + 1, last).boxed().toList());
    } finally {
      writers.shutdown();
    }
  }

  @Test
  void eachEventIsTheListsItemWithItsSeqAsIdAndItsTypeAsName() {
    long from = settled();
    String bot = fixtures.bot("streamed-" + UUID.randomUUID());
    try (EventStream stream = EventStream.open(api, STREAM + "?after_seq=" + from, admin)) {
      assertThat(stream.next().retry()).isEqualTo("3000");
      Message event = stream.nextEvent();
      JsonObject listed = api.get("/api/v2/audit-events?after_seq=" + from, admin).items().getJsonObject(0);
      assertThat(event.event()).isEqualTo("bot.created");
      assertThat(event.seq()).isEqualTo(from + 1);
      assertThat(new JsonObject(event.data())).isEqualTo(listed);
      assertThat(listed.getString("subject_id")).isEqualTo(bot);
    }
  }

  @Test
  void lastEventIdResumesMidStreamAndWinsOverAfterSeq() {
    long from = settled();
    writeBots(5, 1);
    long last = settled();
    try (EventStream stream = EventStream.open(api, STREAM + "?after_seq=" + from, admin, "Last-Event-ID", String.valueOf(from + 3))) {
      assertThat(stream.eventsThrough(last)).extracting(Message::seq).containsExactly(from + 4, from + 5);
    }
  }

  @Test
  void withoutACursorItStartsLiveAndKeepsAQuietStreamOpenWithComments() {
    settled();
    try (EventStream stream = EventStream.open(api, STREAM, admin)) {
      assertThat(stream.next().retry()).isEqualTo("3000");
      assertThat(stream.next().comment()).as("a quiet stream gets a keep-alive comment").isEqualTo("keep-alive");
      String bot = fixtures.bot("live-" + UUID.randomUUID());
      Message first = stream.nextEvent();
      assertThat(first.event()).isEqualTo("bot.created");
      assertThat(new JsonObject(first.data()).getString("subject_id")).isEqualTo(bot);
    }
  }

  @Test
  void badCursorsAndFiltersAreJsonErrorsBeforeTheStreamStarts() {
    for (String query : List.of("?after_seq=x", "?after_seq=-1", "?actor_type=Robot", "?env_id=nope")) {
      Response response = api.get(STREAM + query, admin);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.json().getString("message")).isNotBlank();
    }
    try (EventStream stream = EventStream.open(api, STREAM, admin, "Last-Event-ID", "seven")) {
      assertThat(stream.status()).isEqualTo(400);
      assertThat(new JsonObject(stream.errorBody()).getString("message")).contains("Last-Event-ID");
    }
    assertThat(api.get(STREAM, null).status()).isEqualTo(401);
  }

  @Test
  void filtersAreTheLists() {
    String env = fixtures.env("filtered-" + UUID.randomUUID());
    try (EventStream stream = EventStream.open(api, STREAM + "?type=env.updated&env_id=" + env, admin)) {
      assertThat(stream.next().retry()).isNotNull();
      fixtures.bot("not-an-env-event-" + UUID.randomUUID());
      fixtures.env("another-env-" + UUID.randomUUID());
      assertThat(api.put("/api/v2/envs/" + env, admin, new JsonObject().put("auto_add_new_users", true)).status()).isEqualTo(200);
      Message event = stream.nextEvent();
      assertThat(event.event()).isEqualTo("env.updated");
      assertThat(new JsonObject(event.data()).getString("env_id")).isEqualTo(env);
    }
  }

  @Test
  void siteAdminsSeeAllEnvAdminsTheirEnvsAndNobodyElseAnything() {
    String mine = fixtures.env("mine-" + UUID.randomUUID());
    String theirs = fixtures.env("theirs-" + UUID.randomUUID());
    String seen = fixtures.env("seen-" + UUID.randomUUID());
    String auditor = fixtures.user("Stream Auditor");
    fixtures.envRole(mine, "user_id", auditor, "Admin");
    fixtures.envRole(seen, "user_id", auditor, "User");
    String auditorToken = fixtures.userToken(auditor);
    String bot = fixtures.bot("auditing-bot-" + UUID.randomUUID());
    fixtures.envRole(mine, bot, "Admin");
    String botToken = fixtures.botToken(bot);

    for (String token : List.of(auditorToken, botToken)) {
      long setUp = settled();
      try (EventStream stream = EventStream.open(api, STREAM, token)) {
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next().retry()).isNotNull();
        touch(theirs);
        touch(mine);
        assertThat(new JsonObject(nextEventAfter(stream, setUp).data()).getString("env_id")).isEqualTo(mine);
      }
    }
    assertThat(api.get(STREAM, fixtures.userToken(fixtures.user("Plain Streamer"))).status()).isEqualTo(403);
    assertThat(api.get(STREAM, fixtures.botToken(fixtures.bot("plain-bot-" + UUID.randomUUID()))).status()).isEqualTo(403);
    assertThat(api.get(STREAM + "?env_id=" + theirs, auditorToken).status()).as("an env they cannot see").isEqualTo(404);
    assertThat(api.get(STREAM + "?env_id=" + seen, auditorToken).status()).as("an env they see but do not administer")
        .isEqualTo(403);
    assertThat(api.get("/api/v2/audit-events?env_id=" + theirs, auditorToken).status()).as("as on the list").isEqualTo(404);
  }

  /** Each stream first delivers an event, so that it has checked its credential once before the change. */
  @Test
  void aRevokedTokenADeletedBotAndADeactivatedUserEndTheirStreams() {
    String user = fixtures.user("Streaming Admin");
    String userEnv = fixtures.env("revoked-" + UUID.randomUUID());
    fixtures.envRole(userEnv, "user_id", user, "Admin");
    JsonObject token = api.post("/api/v2/user-tokens", admin, new JsonObject().put("user_id", user)).json();
    try (EventStream stream = EventStream.open(api, STREAM, fixtures.remember(token.getString("created_token")))) {
      touch(userEnv);
      awaitEvent(stream, "env.updated");
      assertThat(api.delete("/api/v2/user-tokens/" + token.getString("id"), admin).status()).isEqualTo(204);
      assertEndsAfterNoEvent(stream);
    }

    String bot = fixtures.bot("doomed-streamer-" + UUID.randomUUID());
    String botEnv = fixtures.env("bot-env-" + UUID.randomUUID());
    fixtures.envRole(botEnv, bot, "Admin");
    try (EventStream stream = EventStream.open(api, STREAM, fixtures.botToken(bot))) {
      touch(botEnv);
      awaitEvent(stream, "env.updated");
      assertThat(api.delete("/api/v2/bots/" + bot, admin).status()).isEqualTo(204);
      assertEndsAfterNoEvent(stream);
    }

    try (EventStream stream = EventStream.open(api, STREAM, fixtures.userToken(user))) {
      touch(userEnv);
      awaitEvent(stream, "env.updated");
      assertThat(api.put("/api/v2/users/" + user, admin, new JsonObject().put("is_active", false)).status()).isEqualTo(200);
      assertEndsAfterNoEvent(stream);
    }
  }

  @Test
  void losingTheAdminRoleOfAnEnvNarrowsTheStream() {
    String kept = fixtures.env("kept-" + UUID.randomUUID());
    String lost = fixtures.env("lost-" + UUID.randomUUID());
    String user = fixtures.user("Narrowed Auditor");
    fixtures.envRole(kept, "user_id", user, "Admin");
    String grant = fixtures.envRole(lost, "user_id", user, "Admin");
    String token = fixtures.userToken(user);
    long setUp = settled();
    try (EventStream stream = EventStream.open(api, STREAM, token)) {
      touch(lost);
      assertThat(new JsonObject(nextEventAfter(stream, setUp).data()).getString("env_id")).isEqualTo(lost);
      assertThat(api.delete("/api/v2/env-user-permissions/" + grant, admin).status()).isEqualTo(204);
      long removed = settled();
      touch(lost);
      touch(kept);
      Message event;
      do {
        event = stream.nextEvent();
        if (event.seq() > removed) {
          assertThat(new JsonObject(event.data()).getString("env_id")).as(event.data()).isEqualTo(kept);
        }
      } while (!kept.equals(new JsonObject(event.data()).getString("env_id")));
    }
    try (EventStream stream = EventStream.open(api, STREAM + "?env_id=" + kept, fixtures.userToken(user))) {
      assertThat(stream.next().retry()).isNotNull();
      assertThat(api.get("/api/v2/env-user-permissions?env_id=" + kept + "&user_id=" + user, admin).items()).hasSize(1);
      String keptGrant = api.get("/api/v2/env-user-permissions?env_id=" + kept + "&user_id=" + user, admin).items()
          .getJsonObject(0).getString("id");
      assertThat(api.delete("/api/v2/env-user-permissions/" + keptGrant, admin).status()).isEqualTo(204);
      assertEndsAfterNoEvent(stream);
    }
  }

  @Test
  void aCredentialHoldsAtMostFiveStreams() {
    String token = fixtures.userToken(fixtures.user("Greedy Streamer"));
    String user = api.get("/api/v2/auth/me", token).json().getJsonObject("User").getString("id");
    fixtures.envRole(fixtures.env("greedy-" + UUID.randomUUID()), "user_id", user, "Admin");
    List<EventStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        open.add(EventStream.open(api, STREAM, token));
        assertThat(open.get(i).status()).isEqualTo(200);
      }
      assertThat(api.get(STREAM, token).status()).isEqualTo(429);
      assertThat(api.get(STREAM, fixtures.userToken(user)).status()).as("another credential of the same user").isEqualTo(200);
    } finally {
      open.forEach(EventStream::close);
    }
  }

  /**
   * A hundred consumers that stop reading (a tiny receive buffer, never read) while many events are written: the
   * server stays responsive, and a stalled consumer that reads again gets every event, in order, from the database.
   */
  @Test
  void stalledConsumersAreServedFromTheDatabaseOnceTheyReadAgain() throws Exception {
    List<String> tokens = new ArrayList<>();
    String adminId = api.get("/api/v2/auth/me", admin).json().getJsonObject("User").getString("id");
    for (int i = 0; i < 20; i++) {
      tokens.add(fixtures.userToken(adminId));
    }
    long opened = settled();
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        stalled.add(stalledStream(tokens.get(i / 5), opened));
      }
      writeBots(1500, 4);
      long last = settled();
      assertThat(api.get("/api/v2/auth/me", admin).status()).isEqualTo(200);
      List<Long> seqs = readSeqsThrough(stalled.get(0), last);
      assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(opened + 1, last).boxed().toList());
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  private static Socket stalledStream(String token, long after) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), PLATZ.platz().platform().config().httpPort()));
    socket.setSoTimeout((int) Eventually.PATIENCE.toMillis());
    socket.getOutputStream().write(("GET " + STREAM + "?after_seq=" + after + " HTTP/1.1\r\nhost: localhost\r\nx-platz-token: "
        + token + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    byte[] status = new byte[12];
    assertThat(socket.getInputStream().readNBytes(status, 0, 12)).isEqualTo(12);
    assertThat(new String(status, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
    return socket;
  }

  private static List<Long> readSeqsThrough(Socket socket, long last) throws IOException {
    Pattern id = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    List<Long> seqs = new ArrayList<>();
    byte[] buffer = new byte[65536];
    while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < last) {
      int n = in.read(buffer);
      assertThat(n).as("the stream goes on").isPositive();
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      int complete = text.lastIndexOf("\n");
      Matcher matcher = id.matcher(text.substring(0, complete + 1));
      while (matcher.find()) {
        seqs.add(Long.parseLong(matcher.group(1)));
      }
      text.delete(0, complete + 1);
    }
    return seqs;
  }

  /**
   * The first event after {@code seq}: an event of the set-up, written before the stream opened, may still be on
   * its way to the stream when it opens, and the stream passes it on.
   */
  private static Message nextEventAfter(EventStream stream, long seq) {
    Message event = stream.nextEvent();
    while (event.seq() <= seq) {
      event = stream.nextEvent();
    }
    return event;
  }

  /** Past the events of the set-up, which may still be on their way when the stream opens. */
  private static void awaitEvent(EventStream stream, String type) {
    for (Message event = stream.nextEvent(); !event.event().equals(type); event = stream.nextEvent()) {
      assertThat(event.event()).as("set-up events only").isIn("env.created", "env_role.granted", "user_token.created",
          "bot.created", "bot_token.created", "user.created");
    }
  }

  /** The stream ends, and no event reached it after the change that killed its credential. */
  private static void assertEndsAfterNoEvent(EventStream stream) {
    List<Message> rest = stream.untilEnded();
    assertThat(rest).noneMatch(Message::isEvent);
    assertThat(rest).extracting(Message::comment).last().asString().startsWith("the stream ends");
  }

  /** An event in the env: it is renamed. */
  private static void touch(String env) {
    assertThat(api.put("/api/v2/envs/" + env, admin, new JsonObject().put("name", "renamed-" + UUID.randomUUID())).status())
        .isEqualTo(200);
  }

  private static void writeBots(int count, int threads) {
    ExecutorService writers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        statuses.add(writers.submit(() -> api.post("/api/v2/bots", admin,
            new JsonObject().put("display_name", "stream-" + UUID.randomUUID())).status()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(201);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      writers.shutdown();
    }
  }

  private static long settled() {
    return AuditTrailProbe.settledSeq(PLATZ.platz().platform().database());
  }
}
