package io.platz.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written byte by byte, for requests no well-behaved client library would send. */
public final class RawHttp {

  /** The status and body of an answer; status -1 when the server closed the connection without one. */
  public record Answer(int status, String body) {
  }

  private RawHttp() {
  }

  public static Answer send(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      byte[] answer = readAll(socket.getInputStream());
      String text = new String(answer, StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.")) {
        return new Answer(-1, text);
      }
      int bodyAt = text.indexOf("\r\n\r\n");
      String body = bodyAt < 0 ? "" : new String(answer, bodyAt + 4, answer.length - bodyAt - 4, StandardCharsets.UTF_8);
      Evidence.answer(body);
      return new Answer(Integer.parseInt(text.substring(9, 12)), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request from its head (request line and headers, no blank line) and body bytes. */
  public static byte[] request(String head, byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(("\r\ncontent-length: " + body.length + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
