package io.platz.app.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the whole test run saw, for the final secrets scan: every token issued, and every log line, HTTP
 * answer, audit event and process output. Token-creating answers are the one place a token may appear; they are
 * kept as tokens, not as text.
 */
public final class Evidence {

  private static final Pattern BASE62_RUN = Pattern.compile("[0-9A-Za-z]{43,}");
  private static final Pattern BASE64URL_RUN = Pattern.compile("[0-9A-Za-z_-]{43,}");
  private static final Pattern CREATED = Pattern.compile("\"created_token\"\\s*:\\s*\"(pz[ubd]_[0-9A-Za-z]{71})\"");
  private static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();
  private static final Set<String> SESSION_SECRETS = ConcurrentHashMap.newKeySet();
  private static final ConcurrentLinkedQueue<String> TEXTS = new ConcurrentLinkedQueue<>();

  private Evidence() {
  }

  public static void token(String token) {
    TOKENS.add(token);
  }

  /** A console session's secret, as the cookie that started it carried it: it may appear nowhere else either. */
  public static void sessionSecret(String secret) {
    SESSION_SECRETS.add(secret);
  }

  /** An HTTP answer: the token it created, if it is the answer that creates one; otherwise text to scan. */
  public static void answer(String body) {
    Matcher created = CREATED.matcher(body);
    if (created.find()) {
      token(created.group(1));
      String rest = created.replaceAll("\"created_token\":\"\"");
      TEXTS.add(rest);
    } else {
      TEXTS.add(body);
    }
  }

  public static void text(String text) {
    TEXTS.add(text);
  }

  public static Set<String> tokens() {
    return Set.copyOf(TOKENS);
  }

  public static int texts() {
    return TEXTS.size();
  }

  /** Where an issued token, the secret part of one, or a console session's secret appears in anything seen. */
  public static List<String> leaks() {
    List<String> texts = List.copyOf(TEXTS);
    List<String> leaks = new ArrayList<>(leaks(Set.copyOf(TOKENS), texts));
    leaks.addAll(sessionLeaks(Set.copyOf(SESSION_SECRETS), texts));
    return leaks;
  }

  /** The texts in which one of these console sessions' secrets appears. */
  public static List<String> sessionLeaks(Set<String> secrets, Collection<String> texts) {
    return texts.stream().filter(text -> containsAny(text, secrets, BASE64URL_RUN)).map(Evidence::abbreviate).toList();
  }

  /** The texts in which one of these tokens, or the secret part of one, appears. */
  public static List<String> leaks(Set<String> issued, Collection<String> texts) {
    Set<String> secrets = new HashSet<>();
    issued.forEach(token -> secrets.add(token.substring(26, 69)));
    List<String> leaks = new ArrayList<>();
    for (String text : texts) {
      if (containsAny(text, secrets, BASE62_RUN)) {
        leaks.add(abbreviate(text));
      }
    }
    return leaks;
  }

  /** Every 43-character window of every long run of the secrets' alphabet against them: a token is such a run too. */
  private static boolean containsAny(String text, Set<String> secrets, Pattern alphabet) {
    Matcher runs = alphabet.matcher(text);
    while (runs.find()) {
      String candidate = runs.group();
      for (int i = 0; i + 43 <= candidate.length(); i++) {
        if (secrets.contains(candidate.substring(i, i + 43))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
