package io.platz.app.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers a test starts. A port the kernel picks (bind to 0) comes from its ephemeral range, the
 * same range every outgoing connection's local port comes from: between this answer and the server's bind, a
 * connection to the database or between cluster members could take it, and the server failed to start with
 * "Address already in use". So the port is picked below that range, free on every address (as the server binds),
 * and never handed out twice in one run.
 */
public final class Ports {

  private static final int LOWEST = 20_000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private Ports() {
  }

  public static synchronized int free() {
    int ephemeralStart = ephemeralStart();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
      if (!HANDED_OUT.contains(port) && bindable(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + ephemeralStart);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the kernel's ephemeral range (Linux); 32768 where it cannot be read, as on Linux by default. */
  private static int ephemeralStart() {
    try {
      int start = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
      return Math.max(start, LOWEST + 1_000);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
