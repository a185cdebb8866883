package io.scrapengine.vaultgateway.support.vault;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throw-away certificate authority made at test time (EC P-256, valid for a day), and server certificates it
 * signs for given names. Nothing is written to disk; PEM text is handed to the Vert.x options directly.
 */
public final class TestPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final X500Name subject;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private TestPki(X500Name subject, KeyPair keys, X509Certificate certificate) {
    this.subject = subject;
    this.keys = keys;
    this.certificate = certificate;
  }

  /** A new self-signed CA. */
  public static TestPki createAuthority(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name subject = new X500Name("CN=" + commonName + ",O=ScrapEngine tests");
    try {
      X509v3CertificateBuilder builder = builder(subject, subject, keys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new TestPki(subject, keys, sign(builder, keys));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server certificate for DNS names and IP literals (each becomes a subjectAltName), signed by this CA. */
  public ServerCertificate issueServer(String... names) {
    KeyPair serverKeys = newKeyPair();
    GeneralName[] alternatives = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      boolean ip = names[i].contains(":") || names[i].chars().allMatch(c -> Character.isDigit(c) || c == '.');
      alternatives[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
    }
    try {
      X509v3CertificateBuilder builder = builder(subject,
        new X500Name("CN=" + names[0] + ",O=ScrapEngine tests"), serverKeys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
      X509Certificate issued = sign(builder, keys);
      return new ServerCertificate(pem("CERTIFICATE", issued.getEncoded()),
        pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String certificatePem() {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A leaf certificate and its PKCS#8 key, both PEM. */
  public record ServerCertificate(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "ServerCertificate[key redacted]";
    }
  }

  private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
      Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
      subjectKeys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }
}
