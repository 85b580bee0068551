package io.platz.app.support;

import io.platz.app.Main;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Platz as a separate operating-system process, for what only a real process shows: signals, kill -9, exit codes. */
public final class PlatzProcess implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int port;

  private PlatzProcess(Process process, Path stdout, Path stderr, int port) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
  }

  /** Starts {@code Main} with these environment variables (plus a free PLATZ_HTTP_PORT unless given). */
  public static PlatzProcess start(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath(), Main.class.getName()));
    command.addAll(List.of(args));
    return start(env, command);
  }

  /** As a background job of a shell script is started: with SIGINT ignored, which the JVM then cannot handle. */
  public static PlatzProcess startIgnoringSigint(Map<String, String> env) {
    return start(env, List.of("sh", "-c", "trap '' INT; exec \"$0\" -cp \"$1\" " + Main.class.getName(), javaBinary(), classPath()));
  }

  private static PlatzProcess start(Map<String, String> env, List<String> command) {
    try {
      Path logs = TempDirs.create("platz-process");
      Path stdout = logs.resolve("stdout.log");
      Path stderr = logs.resolve("stderr.log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("PLATZ_"));
      builder.environment().putAll(env);
      String port = builder.environment().computeIfAbsent("PLATZ_HTTP_PORT", k -> Integer.toString(Ports.free()));
      return new PlatzProcess(builder.start(), stdout, stderr, port.matches("\\d+") ? Integer.parseInt(port) : -1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Api api() {
    return new Api(port);
  }

  public int port() {
    return port;
  }

  /** Waits until {@code GET /ready} answers 200; fails with the process output if it never does. */
  public PlatzProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Platz exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (api().get("/ready").status() == 200) {
          return this;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      sleep(100);
    }
    throw new AssertionError("Platz was not ready within " + timeout + ":\n" + output());
  }

  /** Waits for the process to end and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("Platz did not exit within " + timeout + ":\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void sigterm() {
    process.destroy();
  }

  public void sigkill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /** SIGSTOP: the process hangs with its sockets open, as a frozen JVM or a host gone without a word looks to others. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT, after {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      int exit = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Everything the process wrote: its log (stderr), then stdout. */
  public String output() {
    return read(stderr) + read(stdout);
  }

  public String stdoutLastLine() {
    return read(stdout).strip().lines().reduce((first, second) -> second).orElse("");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token a command printed on stdout, which is where it belongs; kept as a token for the secrets scan. */
  public String printedToken() {
    String token = stdoutLastLine();
    Evidence.token(token);
    return token;
  }

  /** Stops the process if it still runs; its output goes into the {@link Evidence} (a printed token excepted). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Evidence.text(read(stderr));
    read(stdout).lines().filter(line -> !line.matches("pz[ubd]_[0-9A-Za-z]{71}")).forEach(Evidence::text);
  }


  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path", "") + File.pathSeparator;
  }
}
