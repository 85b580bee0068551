package io.platz.auth.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platz.common.error.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lookups are answered by the test, in the order it chooses: what each asker gets, and what is asked. */
class BatchedLookupTest {

  /** The keys of each lookup sent, and the promise that answers it. */
  private final List<List<String>> sent = new ArrayList<>();
  private final List<Promise<Map<String, String>>> answers = new ArrayList<>();
  private final BatchedLookup<String, String> lookup = new BatchedLookup<>(2, 3, 60_000, keys -> {
    sent.add(keys);
    Promise<Map<String, String>> answer = Promise.promise();
    answers.add(answer);
    return answer.future();
  });

  @Test
  void aLookupThatThrowsFailsItsKeysAndFreesItsPlace() {
    List<List<String>> tried = new ArrayList<>();
    BatchedLookup<String, String> oneAtATime = new BatchedLookup<>(1, 3, 60_000, keys -> {
      tried.add(keys);
      if (keys.contains("boom")) {
        throw new IllegalStateException("the statement could not be built");
      }
      return Future.succeededFuture(Map.of(keys.get(0), "found"));
    });

    assertThat(oneAtATime.find("boom").cause()).hasMessageContaining("could not be built");
    assertThat(oneAtATime.find("a").result()).contains("found");
    assertThat(tried).containsExactly(List.of("boom"), List.of("a"));
  }

  @Test
  void aLookupThatNeverAnswersFailsItsKeysAfterItsTimeoutAndTheNextGoes() throws Exception {
    List<List<String>> tried = new CopyOnWriteArrayList<>();
    BatchedLookup<String, String> oneAtATime = new BatchedLookup<>(1, 3, 100, keys -> {
      tried.add(keys);
      return keys.contains("hangs") ? Promise.<Map<String, String>>promise().future() : Future.succeededFuture(Map.of());
    });

    Future<Optional<String>> hung = oneAtATime.find("hangs");
    Future<Optional<String>> behind = oneAtATime.find("b");
    assertThat(tried).containsExactly(List.of("hangs"));

    assertThatThrownBy(() -> hung.await(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class).hasMessageContaining("100 (ms)");
    assertThat(behind.await(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(tried).containsExactly(List.of("hangs"), List.of("b"));
  }

  @Test
  void atRestEachKeyIsLookedUpAtOnceAndAlone() {
    Future<Optional<String>> first = lookup.find("a");
    assertThat(sent).containsExactly(List.of("a"));
    answer(0, "a");
    assertThat(first.result()).contains("value of a");

    lookup.find("b");
    assertThat(sent).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void keysAskedWhileTheLookupsAreOutGoTogetherInTheNext() {
    bothLookupsOut();
    Future<Optional<String>> c = lookup.find("c");
    Future<Optional<String>> d = lookup.find("d");
    assertThat(sent).containsExactly(List.of("x"), List.of("y"));

    answer(1, "y");
    assertThat(sent).containsExactly(List.of("x"), List.of("y"), List.of("c", "d"));
    answer(2, "d", "c");
    assertThat(c.result()).contains("value of c");
    assertThat(d.result()).contains("value of d");
  }

  @Test
  void aBatchTakesTheOldestKeysUpToItsSize() {
    bothLookupsOut();
    List.of("c", "d", "e", "f", "g").forEach(lookup::find);

    answer(0, "x");
    answer(1, "y");
    assertThat(sent).containsExactly(List.of("x"), List.of("y"), List.of("c", "d", "e"), List.of("f", "g"));
  }

  @Test
  void theSameKeyAskedTwiceWhileItWaitsIsLookedUpOnceForBoth() {
    bothLookupsOut();
    Future<Optional<String>> first = lookup.find("c");
    Future<Optional<String>> second = lookup.find("c");

    answer(0, "x");
    assertThat(sent).containsExactly(List.of("x"), List.of("y"), List.of("c"));
    answer(2, "c");
    assertThat(first.result()).contains("value of c");
    assertThat(second.result()).contains("value of c");
  }

  @Test
  void aKeyAskedAgainAfterItsLookupWasSentWaitsForALookupOfItsOwn() {
    Future<Optional<String>> before = lookup.find("a");
    Future<Optional<String>> after = lookup.find("a");
    assertThat(sent).containsExactly(List.of("a"), List.of("a"));
    answer(0);
    answer(1, "a");
    assertThat(before.result()).isEmpty();
    assertThat(after.result()).contains("value of a");
  }

  @Test
  void aKeyTheLookupDidNotFindIsAnsweredEmptyAndTheOthersTheirOwn() {
    bothLookupsOut();
    Future<Optional<String>> found = lookup.find("a");
    Future<Optional<String>> missing = lookup.find("b");
    answer(0, "x");
    answer(2, "a");
    assertThat(found.result()).contains("value of a");
    assertThat(missing.result()).isEmpty();
  }

  @Test
  void aFailedLookupFailsEachOfItsAskersAndTheNextIsSent() {
    bothLookupsOut();
    Future<Optional<String>> c = lookup.find("c");
    Future<Optional<String>> d = lookup.find("d");
    Future<Optional<String>> e = lookup.find("e");
    Future<Optional<String>> f = lookup.find("f");

    answers.get(0).fail("connection lost");
    assertThat(sent).hasSize(3);
    answers.get(2).fail("connection lost");
    assertThat(List.of(c, d, e)).allSatisfy(asker -> assertThat(asker.cause()).hasMessage("connection lost"));
    assertThat(f.isComplete()).isFalse();
    assertThat(sent.get(3)).containsExactly("f");
  }

  @Test
  void tooManyWaitingIsRefusedWith503() {
    bothLookupsOut();
    IntStream.range(0, BatchedLookup.MAX_WAITING).forEach(n -> lookup.find("waiting " + n));
    Future<Optional<String>> refused = lookup.find("one too many");
    assertThat(refused.cause()).isInstanceOfSatisfying(ApiError.class, error -> assertThat(error.status()).isEqualTo(503));
    assertThat(lookup.find("waiting 0").isComplete()).as("joins the one already waiting").isFalse();
  }

  /** Keys x and y take both lookups the lookup may have out: lookups 0 and 1. */
  private void bothLookupsOut() {
    lookup.find("x");
    lookup.find("y");
  }

  /** Answers lookup {@code index} with a value for each of {@code found}. */
  private void answer(int index, String... found) {
    answers.get(index).complete(List.of(found).stream().collect(Collectors.toMap(key -> key, key -> "value of " + key)));
  }
}
