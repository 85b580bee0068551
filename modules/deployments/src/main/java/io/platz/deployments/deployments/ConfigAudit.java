package io.platz.deployments.deployments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the audit trail records of a deployment's config: which top-level keys were added, removed or changed, and
 * a keyed digest of the whole config before and after (of its description, only the digests and lengths). Never a value: configs hold passwords and keys, and an
 * audit event is kept for good and published to every consumer. Never the whole config either: it may be 64 KiB,
 * and every read of the trail would carry it. The digests let a reader tell two configs apart, or see a config
 * come back to an earlier one, without learning anything of it; keyed with the server key, they cannot be used
 * to guess a short secret by hashing candidates.
 *
 * <p>Recorded as {@code {"added": [...], "removed": [...], "changed": [...], "omitted": n, "digests": [before,
 * after]}}: at most {@link #MAX_NAMES} names in all, each cut to {@link #MAX_NAME_LENGTH} characters, sorted, and
 * {@code omitted} counts the names left out. A new deployment's {@code before} is null and every key is added.
 */
final class ConfigAudit {

  static final int MAX_NAMES = 50;
  static final int MAX_NAME_LENGTH = 64;

  private final SecretKeySpec key;

  ConfigAudit(byte[] digestKey) {
    this.key = new SecretKeySpec(digestKey, "HmacSHA256");
  }

  /**
   * Both configs as PostgreSQL returned them: {@code jsonb} orders keys one way whatever order they came in, so
   * the same config always has the same digest.
   */
  JsonObject change(JsonObject before, JsonObject after) {
    JsonObject previous = before == null ? new JsonObject() : before;
    Set<String> keys = new TreeSet<>(previous.fieldNames());
    keys.addAll(after.fieldNames());
    JsonArray added = new JsonArray();
    JsonArray removed = new JsonArray();
    JsonArray changed = new JsonArray();
    int omitted = 0;
    for (String name : keys) {
      JsonArray list = !previous.containsKey(name) ? added : !after.containsKey(name) ? removed
          : Objects.equals(previous.getValue(name), after.getValue(name)) ? null : changed;
      if (list == null) {
        continue;
      }
      if (added.size() + removed.size() + changed.size() < MAX_NAMES) {
        list.add(name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
            ? name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)) : name);
      } else {
        omitted++;
      }
    }
    return new JsonObject().put("added", added).put("removed", removed).put("changed", changed).put("omitted", omitted)
        .put("digests", new JsonArray().add(before == null ? null : digest(before.toBuffer().getBytes()))
            .add(digest(after.toBuffer().getBytes())));
  }

  /** A text that may be long (a description): its digests and lengths in characters, before and after. */
  JsonObject textChange(String before, String after) {
    JsonArray digests = new JsonArray();
    JsonArray lengths = new JsonArray();
    for (String text : Arrays.asList(before, after)) {
      digests.add(text == null ? null : digest(text.getBytes(StandardCharsets.UTF_8)));
      lengths.add(text == null ? null : text.codePointCount(0, text.length()));
    }
    return new JsonObject().put("digests", digests).put("lengths", lengths);
  }

  /** The first 128 bits of an HMAC-SHA-256: plenty to tell values apart. */
  private String digest(byte[] value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(value);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
