package io.scrapengine.vaultgateway.vault;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's CA bundle: one or more PEM {@code CERTIFICATE} blocks, each a parseable X.509 certificate, and
 * nothing else that looks like key material. When given, the gateway trusts exactly these certificates for that
 * Vault (and not the JVM's default CAs).
 */
public final class CaCertificateRule {

  public static final int MAX_LENGTH = 64 * 1024;
  public static final int MAX_CERTIFICATES = 32;
  private static final Pattern BLOCK = Pattern.compile(
    "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private CaCertificateRule() {
  }

  /** Why the bundle is unacceptable, or empty when it is fine. */
  public static Optional<String> violation(String pem) {
    try {
      parse(pem);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The certificates of the bundle.
   *
   * @throws IllegalArgumentException saying what is wrong (never quoting the input)
   */
  public static List<X509Certificate> parse(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("must contain at least one PEM certificate");
    }
    if (pem.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
    }
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    int end = 0;
    while (matcher.find()) {
      if (!pem.substring(end, matcher.start()).isBlank()) {
        throw new IllegalArgumentException("must contain only PEM certificate blocks");
      }
      end = matcher.end();
      if (!matcher.group(1).equals("CERTIFICATE")) {
        throw new IllegalArgumentException("must contain only CERTIFICATE blocks, found " + matcher.group(1));
      }
      if (certificates.size() == MAX_CERTIFICATES) {
        throw new IllegalArgumentException("must contain at most " + MAX_CERTIFICATES + " certificates");
      }
      certificates.add(parseOne(factory, matcher.group()));
    }
    if (!pem.substring(end).isBlank()) {
      throw new IllegalArgumentException("must contain only PEM certificate blocks");
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("must contain at least one PEM certificate");
    }
    return certificates;
  }

  private static X509Certificate parseOne(CertificateFactory factory, String block) {
    try {
      Collection<? extends Certificate> parsed =
        factory.generateCertificates(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
      if (parsed.size() != 1 || !(parsed.iterator().next() instanceof X509Certificate certificate)) {
        throw new IllegalArgumentException("contains a block that is not an X.509 certificate");
      }
      return certificate;
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof IllegalArgumentException illegal && illegal.getMessage().startsWith("contains")) {
        throw illegal;
      }
      throw new IllegalArgumentException("contains a block that is not a valid X.509 certificate");
    }
  }
}
