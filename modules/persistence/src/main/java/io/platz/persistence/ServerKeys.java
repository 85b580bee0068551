package io.platz.persistence;

import io.platz.common.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's secret, kept out of the database: a stolen database dump can neither verify guessed tokens nor
 * forge the audit chain. It is 256 random bits generated on first start into {@code <data dir>/server.key}
 * (owner-only), or given as {@code PLATZ_SERVER_KEY} (base64) so that several instances share it. Each use gets
 * its own key derived from it.
 */
public final class ServerKeys {

  private final byte[] tokenKey;
  private final byte[] auditKey;
  private final byte[] digestKey;
  private final byte[] signInFormKey;
  private final byte[] auditEventKey;
  private final byte[] auditCheckpointKey;

  private ServerKeys(byte[] master) {
    this.tokenKey = derive(master, "platz token hash v1");
    this.auditKey = derive(master, "platz audit chain v1");
    this.digestKey = derive(master, "platz audit digest v1");
    this.signInFormKey = derive(master, "platz console sign-in form v1");
    this.auditEventKey = derive(master, "platz audit event v1");
    this.auditCheckpointKey = derive(master, "platz audit checkpoint v1");
  }

  public static ServerKeys load(Path dataDir, String fromEnvironment) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new ServerKeys(decode(fromEnvironment.trim(), "PLATZ_SERVER_KEY"));
    }
    Path file = dataDir.resolve("server.key");
    try {
      if (Files.exists(file)) {
        return new ServerKeys(decode(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString()));
      }
      byte[] master = new byte[32];
      new SecureRandom().nextBytes(master);
      Files.createDirectories(dataDir);
      Path partial = dataDir.resolve("server.key.new");
      Files.writeString(partial, Base64.getEncoder().encodeToString(master), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
      Files.move(partial, file);
      return new ServerKeys(master);
    } catch (IOException e) {
      throw new StartupException("cannot read or create the server key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Key for the HMAC-SHA-256 of token secrets. */
  public byte[] tokenKey() {
    return tokenKey.clone();
  }

  /** Key for the HMAC-SHA-256 chain of audit events. */
  public byte[] auditKey() {
    return auditKey.clone();
  }

  /** Key for the HMAC-SHA-256 digests by which audit events tell values apart without holding them. */
  public byte[] digestKey() {
    return digestKey.clone();
  }

  /** Key for the HMAC that ties the console's sign-in form to the cookie sent with it. */
  public byte[] signInFormKey() {
    return signInFormKey.clone();
  }

  /** Key for the HMAC-SHA-256 each audit event row carries from the transaction that wrote it. */
  public byte[] auditEventKey() {
    return auditEventKey.clone();
  }

  /** Key for the HMAC-SHA-256 of the audit chain's checkpoints, kept outside the database. */
  public byte[] auditCheckpointKey() {
    return auditCheckpointKey.clone();
  }

  private static byte[] decode(String base64, String source) {
    try {
      byte[] master = Base64.getDecoder().decode(base64);
      if (master.length < 32) {
        throw new StartupException(source + " must hold at least 256 bits, base64-encoded");
      }
      return master;
    } catch (IllegalArgumentException e) {
      throw new StartupException(source + " is not base64");
    }
  }

  private static byte[] derive(byte[] master, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
