package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.TextRules;

import java.util.Optional;

/**
 * What a secret path (the part after {@code /v1/}, e.g. {@code secret/data/app/db}) may be: non-empty segments
 * without {@code .} or {@code ..}, no leading slash, no control characters, no {@code ?} or {@code #}, at most 512
 * characters. Segments are percent-encoded when sent, so the path cannot leave the API it names.
 */
public final class SecretPathRule {

  public static final int MAX_LENGTH = 512;

  private SecretPathRule() {
  }

  public static Optional<String> violation(String path) {
    if (path == null || path.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (path.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (path.startsWith("/")) {
      return Optional.of("must not start with '/' (give it without /v1/)");
    }
    if (!TextRules.isSingleLine(path) || path.chars().anyMatch(c -> c == '?' || c == '#' || c == '\\')) {
      return Optional.of("must not contain control characters, '?', '#' or '\\'");
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    for (String segment : trimmed.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("must not contain empty segments");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("must not contain '.' or '..' segments");
      }
    }
    return Optional.empty();
  }
}
