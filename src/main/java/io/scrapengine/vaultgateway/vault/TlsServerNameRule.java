package io.scrapengine.vaultgateway.vault;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a TLS server name override may be: a DNS host name (letters, digits, hyphens, dots; at most 253
 * characters, labels up to 63). It is what the certificate is verified against and what SNI sends, so an IP
 * literal or a wildcard makes no sense here.
 */
public final class TlsServerNameRule {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private TlsServerNameRule() {
  }

  public static Optional<String> violation(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.length() > 253) {
      return Optional.of("must be at most 253 characters");
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of("must be a DNS host name");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Optional.of("must be a DNS host name, not an IP address");
    }
    return Optional.empty();
  }
}
