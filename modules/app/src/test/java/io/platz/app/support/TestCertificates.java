package io.platz.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway PEM files for TLS tests, made in the test rather than committed: a certificate authority, and member
 * certificates it signs for {@code 127.0.0.1}, each with its key. Nothing here is fit for anything but a test.
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final String name;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestCertificates(Path dir, String name, KeyPair keys, X509Certificate certificate) {
    this.dir = dir;
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new certificate authority whose files go into {@code dir}. */
  public static TestCertificates authority(Path dir, String name) {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    return new TestCertificates(dir, name, keys, sign(subject, subject, keys, keys, true));
  }

  /** The authority's certificate, as a PEM file. */
  public Path certificateFile() {
    return write(name + ".crt", certificate);
  }

  /** A member certificate signed by this authority for {@code 127.0.0.1}: {@code [certificate, key]} PEM files. */
  public Path[] member(String memberName) {
    KeyPair member = keyPair();
    X509Certificate signed = sign(new X500Name("CN=" + name), new X500Name("CN=" + memberName), member, keys, false);
    try {
      return new Path[] {write(memberName + ".crt", signed), write(memberName + ".key", new JcaPKCS8Generator(member.getPrivate(), null))};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate sign(X500Name issuer, X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys,
                                      boolean authority) {
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (!authority) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path write(String file, Object pem) {
    Path path = dir.resolve(file);
    try (Writer out = Files.newBufferedWriter(path); JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }
}
