package io.platz.app.console;

import io.platz.app.support.Eventually;
import io.platz.app.support.Evidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without a browser: one cookie jar (so one console session), redirects not followed (tests look at
 * them), and the CSRF token of the last page it saw sent with each form, the way the pages' forms send it.
 */
final class ConsoleClient {

  private String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private String csrf;

  ConsoleClient(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  String base() {
    return base;
  }

  /**
   * The same browser, from now on sent to another instance on {@code port}, as a load balancer without sticky
   * sessions might: one cookie jar for the host, whatever the port, as browsers keep cookies.
   */
  ConsoleClient to(int port) {
    base = "http://127.0.0.1:" + port;
    return this;
  }

  /** Signs in through the form; answers the page the form led to (after the redirect). */
  Page signIn(String token) {
    get("/login");
    Page answer = post("/login", "token", token);
    return answer.status() == 303 ? get(answer.location()) : answer;
  }

  Page get(String path) {
    return remember(send(HttpRequest.newBuilder(uri(path)).GET()));
  }

  /** A form post, with the session's CSRF token as the page's forms carry it. */
  Page post(String path, String... fields) {
    return postWith(path, true, fields);
  }

  Page postWithoutCsrf(String path, String... fields) {
    return postWith(path, false, fields);
  }

  /** What htmx sends: the form fields, the CSRF token in the header, {@code HX-Request}. */
  Page htmxPost(String path, String... fields) {
    return send(HttpRequest.newBuilder(uri(path)).header("HX-Request", "true").header("X-CSRF-Token", String.valueOf(csrf))
        .header("content-type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields))));
  }

  /** A post that is answered with a redirect, followed. */
  Page submit(String path, String... fields) {
    Page answer = post(path, fields);
    return answer.status() == 303 ? get(answer.location()) : answer;
  }

  /** An event stream of the console (History's pushed rows), read line by line in the background. */
  Events events(String path) {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").GET().build();
    try {
      HttpResponse<Stream<String>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try {
          response.body().forEach(lines::add);
        } catch (RuntimeException closed) {
          // the test closed the stream
        }
      }, "console-events");
      reader.setDaemon(true);
      reader.start();
      return new Events(response.statusCode(), lines, response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines of an event stream as they arrive. */
  record Events(int status, BlockingQueue<String> lines, Stream<String> body) implements AutoCloseable {

    /** Every line that arrives within {@code millis}. */
    List<String> within(long millis) throws InterruptedException {
      List<String> got = new ArrayList<>();
      long deadline = System.currentTimeMillis() + millis;
      for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
        String line = lines.poll(left, TimeUnit.MILLISECONDS);
        if (line != null) {
          got.add(line);
        }
      }
      return got;
    }

    /** Waits for a line containing {@code text}; answers the lines seen up to it. */
    List<String> until(String text) throws InterruptedException {
      long millis = Eventually.PATIENCE.toMillis();
      List<String> got = new ArrayList<>();
      long deadline = System.currentTimeMillis() + millis;
      for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
        String line = lines.poll(left, TimeUnit.MILLISECONDS);
        if (line != null) {
          got.add(line);
          if (line.contains(text)) {
            return got;
          }
        }
      }
      throw new AssertionError("no line with " + text + " within " + millis + " ms; got " + got);
    }

    @Override
    public void close() {
      body.close();
    }
  }

  /**
   * Signs in through the form with {@code headers} on both requests and answers every cookie the server set, as
   * its {@code Set-Cookie} lines. The sign-in cookie goes back by hand: a jar would keep a {@code Secure} cookie
   * from plain http.
   */
  static List<String> cookiesSetBySignIn(int port, String token, String... headers) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    URI login = URI.create("http://127.0.0.1:" + port + "/login");
    HttpResponse<String> form = http.send(withHeaders(HttpRequest.newBuilder(login), headers).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    List<String> set = new ArrayList<>(form.headers().allValues("set-cookie"));
    String signInCookie = set.stream().filter(cookie -> cookie.startsWith("platz.signin=")).findFirst().orElseThrow();
    String csrf = Jsoup.parse(form.body()).select("meta[name=csrf-token]").attr("content");
    HttpResponse<String> signedIn = http.send(withHeaders(HttpRequest.newBuilder(login), headers)
        .header("cookie", signInCookie.substring(0, signInCookie.indexOf(';')))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form("token", token, "_csrf", csrf))).build(), HttpResponse.BodyHandlers.ofString());
    if (signedIn.statusCode() != 303) {
      throw new AssertionError("sign-in answered " + signedIn.statusCode());
    }
    set.addAll(signedIn.headers().allValues("set-cookie"));
    return set;
  }

  private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
    return headers.length == 0 ? request : request.headers(headers);
  }

  List<HttpCookie> cookies() {
    return cookies.getCookieStore().getCookies();
  }

  /** A cookie this site did not set, as another site or a shared computer might plant it. */
  void plantCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    // as the jar files a cookie the server set, so that one of the same name replaces it
    cookie.setDomain(URI.create(base).getHost());
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(base), cookie);
  }

  String cookie(String name) {
    return cookies().stream().filter(cookie -> cookie.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
  }

  String csrf() {
    return csrf;
  }

  private Page postWith(String path, boolean withCsrf, String... fields) {
    String body = form(fields);
    if (withCsrf && csrf != null) {
      body = body + (body.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    }
    return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Page remember(Page page) {
    Element meta = page.doc().selectFirst("meta[name=csrf-token]");
    if (meta != null) {
      csrf = meta.attr("content");
    }
    return page;
  }

  private static String form(String... fields) {
    StringJoiner form = new StringJoiner("&");
    for (int i = 0; i < fields.length; i += 2) {
      form.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return form.toString();
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : base + path);
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      response.headers().allValues("set-cookie").stream().filter(cookie -> cookie.startsWith("platz.session="))
          .map(cookie -> cookie.substring("platz.session=".length(), cookie.indexOf(';'))).filter(secret -> !secret.isEmpty())
          .forEach(Evidence::sessionSecret);
      return new Page(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer of the console. */
  record Page(int status, HttpHeaders headers, String body) {

    Document doc() {
      return Jsoup.parse(body == null ? "" : body);
    }

    String location() {
      return headers.firstValue("location").orElse(null);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The visible text of the main part of the page. */
    String text() {
      Element main = doc().selectFirst("main");
      return main == null ? doc().text() : main.text();
    }

    @Override
    public String toString() {
      return status + " " + (location() != null ? "→ " + location() : text());
    }
  }
}
