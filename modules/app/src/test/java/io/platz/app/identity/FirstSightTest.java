package io.platz.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.platz.app.support.Api;
import io.platz.app.support.Fixtures;
import io.platz.app.support.Response;
import io.platz.app.support.TestPlatform;
import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Tokens seen for the first time at the same moment are looked up several to a statement, and the same token asked
 * several times at once is looked up once for all (see {@code BatchedLookup}): each request must still get its own
 * token's answer. Counted by {@code platz_auth_credential_lookups_total} (tokens) and
 * {@code platz_auth_credential_lookup_statements_total} (statements) on {@code /metrics}.
 */
class FirstSightTest {

  private static final int CONCURRENCY = 32;

  /** A request and what it must get: 200 and {@code subject} under {@code tag}, or 401 when {@code subject} is null. */
  private record Expected(String token, String tag, String subject) {
  }

  @Test
  void firstSightsTogetherEachGetTheirOwnAnswer() throws Exception {
    try (TestPlatform platz = TestPlatform.start()) {
      Api api = platz.api();
      Fixtures fixtures = new Fixtures(platz);
      String admin = fixtures.adminToken();
      List<Expected> expected = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String bot = fixtures.bot("first-sight-bot-" + i);
        expected.add(new Expected(fixtures.botToken(bot), "Bot", bot));
      }
      for (int i = 0; i < 8; i++) {
        String user = fixtures.user("First Sight " + i);
        expected.add(new Expected(fixtures.userToken(user), "User", user));
      }
      String env = fixtures.env("first-sight");
      String kind = fixtures.kind("first-sight-kind");
      for (int i = 0; i < 4; i++) {
        String deployment = fixtures.deployment(env, kind, "first-sight-" + i);
        expected.add(new Expected(fixtures.deploymentCredential(deployment, admin).getString("created_token"),
            "Deployment", deployment));
      }
      List<Expected> refused = new ArrayList<>();
      for (Expected real : expected.subList(0, 12)) {
        // a guess at a real token's secret, asked beside the real token: the real one's row must not let it in
        refused.add(refusal(fixtures.remember(TokenFormat.generate(kind(real), id(real.token())).value())));
      }
      String revokedBot = fixtures.bot("first-sight-revoked");
      String revoked = fixtures.botToken(revokedBot);
      assertThat(api.delete("/api/v2/bot-tokens/" + id(revoked), admin).status()).isEqualTo(204);
      refused.add(refusal(revoked));
      for (int i = 0; i < 8; i++) {
        refused.add(refusal(TokenFormat.generate(TokenKind.BOT, UUID.randomUUID()).value()));
      }

      List<Expected> requests = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        requests.addAll(expected);
      }
      requests.addAll(refused);
      Collections.shuffle(requests, new Random(20));
      long tokensBefore = counter(api, "platz_auth_credential_lookups_total");
      long statementsBefore = counter(api, "platz_auth_credential_lookup_statements_total");

      List<Response> answers = allAtOnce(api, requests);

      for (int i = 0; i < requests.size(); i++) {
        Expected request = requests.get(i);
        Response answer = answers.get(i);
        if (request.subject() == null) {
          assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        } else {
          assertThat(answer.status()).as(answer.body()).isEqualTo(200);
          JsonObject me = answer.json().getJsonObject(request.tag());
          assertThat(me).as(answer.body()).isNotNull();
          assertThat(me.getString("id")).as("each request gets its own token's subject").isEqualTo(request.subject());
        }
      }
      long tokens = counter(api, "platz_auth_credential_lookups_total") - tokensBefore;
      long statements = counter(api, "platz_auth_credential_lookup_statements_total") - statementsBefore;
      long distinct = requests.stream().map(request -> id(request.token())).distinct().count();
      assertThat(tokens).as("each token looked up, none more often than it was asked").isBetween(distinct, (long) requests.size());
      assertThat(statements).isBetween(1L, tokens);

      for (Expected request : expected) {
        assertThat(api.get("/api/v2/auth/me", request.token()).status()).as("and from the cache after").isEqualTo(200);
      }
      assertThat(counter(api, "platz_auth_credential_lookups_total") - tokensBefore).isEqualTo(tokens);
    }
  }

  private static List<Response> allAtOnce(Api api, List<Expected> requests) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Callable<Response>> calls = requests.stream()
          .<Callable<Response>>map(request -> () -> api.get("/api/v2/auth/me", request.token())).toList();
      List<Response> answers = new ArrayList<>();
      for (Future<Response> answer : clients.invokeAll(calls)) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      clients.shutdown();
    }
  }

  private static Expected refusal(String token) {
    return new Expected(token, null, null);
  }

  private static TokenKind kind(Expected request) {
    return TokenFormat.parse(request.token()).orElseThrow().kind();
  }

  private static UUID id(String token) {
    return TokenFormat.parse(token).orElseThrow().id();
  }

  private static long counter(Api api, String name) {
    return api.get("/metrics").body().lines().filter(line -> line.startsWith(name))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
