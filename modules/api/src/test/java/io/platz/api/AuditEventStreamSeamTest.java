package io.platz.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platz.common.audit.AuditRequests.AuditCommand;
import io.platz.common.auth.AuthRequests.Verified;
import io.platz.common.auth.AuthRequests.VerifyToken;
import io.platz.common.auth.Identity;
import io.platz.common.auth.IdentityKind;
import io.platz.common.bus.Addresses;
import io.platz.common.bus.ModuleBus;
import io.platz.common.config.ConfigLoader;
import io.platz.common.config.PlatzConfig;
import io.platz.common.permissions.PermissionsRequests.Decide;
import io.platz.common.permissions.PermissionsRequests.Decision;
import io.platz.common.permissions.Scope;
import io.platz.common.token.TokenFormat;
import io.platz.common.token.TokenKind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seam between a resumed stream's read of the database and the live bus, made to happen on purpose: the audit
 * module's list is played on the bus by this test, which commits and publishes more events while the stream's read
 * is under way (after the read's snapshot, before its answer). The app's {@code AuditEventStreamTest} covers the
 * same with the real modules, where the timing cannot be chosen.
 */
@ExtendWith(VertxExtension.class)
class AuditEventStreamSeamTest {

  private static final Pattern ID = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);

  @Test
  void eventsCommittedWhileAPageIsReadAreSentAfterItOnceEach(Vertx vertx, VertxTestContext test) throws IOException {
    PlatzConfig config = ConfigLoader.load(Map.of()).withHttpPort(ReadinessTest.freePort());
    Identity caller = new Identity(IdentityKind.USER, UUID.randomUUID(), UUID.randomUUID(), true, null, "auditor");
    ModuleBus.install(vertx);
    ModuleBus bus = new ModuleBus(vertx.eventBus());
    bus.serve(VerifyToken.class, request -> Future.succeededFuture(new Verified(caller.toJson(), Buffer.buffer("{}"))));
    bus.serve(Decide.class, request -> Future.succeededFuture(new Decision(Scope.ALL)));
    List<JsonObject> committed = new ArrayList<>();
    commit(committed, 5);
    bus.serve(AuditCommand.class, request -> {
      long after = Long.parseLong(request.command().params().getString("after_seq"));
      JsonArray snapshot = new JsonArray(committed.stream().filter(event -> event.getLong("seq") > after).toList());
      if (committed.size() == 5) {
        // committed and published after this read's snapshot, before its answer
        commit(committed, 5).forEach(event -> vertx.eventBus().publish(Addresses.AUDIT_EVENTS, event));
      }
      return Future.succeededFuture(new JsonObject().put("items", snapshot).toBuffer());
    });

    String token = TokenFormat.generate(TokenKind.USER, caller.tokenId()).value();
    StringBuilder received = new StringBuilder();
    HttpClient client = vertx.createHttpClient();
    vertx.deployVerticle(new ApiVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(),
            new FailedAuthentications(60), new OpenStreams(AuditEventStream.PER_CREDENTIAL)))
        .compose(id -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setPort(config.httpPort()).setHost("127.0.0.1").setURI("/api/v2/audit-events/stream?after_seq=0")
            .putHeader(TokenAuthentication.TOKEN_HEADER, token)))
        .compose(request -> request.send())
        .onComplete(test.succeeding((HttpClientResponse response) -> response.handler(chunk -> {
          received.append(chunk.toString());
          List<Long> seqs = seqs(received);
          if (!seqs.isEmpty() && seqs.get(seqs.size() - 1) >= 10) {
            test.verify(() -> assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList()));
            // closed first: the server's shutdown would otherwise wait its whole timeout for this open stream
            client.close().onComplete(closed -> test.completeNow());
          }
        })));
  }

  private static List<JsonObject> commit(List<JsonObject> committed, int count) {
    List<JsonObject> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new JsonObject().put("seq", committed.size() + 1).put("type", "bot.created").putNull("env_id"));
      committed.add(events.get(i));
    }
    return events;
  }

  private static List<Long> seqs(CharSequence text) {
    List<Long> seqs = new ArrayList<>();
    Matcher matcher = ID.matcher(text);
    while (matcher.find()) {
      seqs.add(Long.parseLong(matcher.group(1)));
    }
    return seqs;
  }
}
