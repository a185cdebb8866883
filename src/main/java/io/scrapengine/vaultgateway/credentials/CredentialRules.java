package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.domain.TextRules;
import io.scrapengine.vaultgateway.vault.SecretPathRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A credential's rules beyond its shape: a logical path of at least a mount and a key (a KV v2 API path with
 * {@code data/} is taken in its logical form), 1 to 20 mapped fields with plain names and keys, and a secret
 * version only where versions exist.
 */
public final class CredentialRules {

  public static final int MAX_FIELDS = 20;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private CredentialRules() {
  }

  /**
   * The logical form of a path: {@code secret/data/sites/acme} (a KV v2 API path) becomes {@code secret/sites/acme};
   * a trailing slash goes.
   */
  public static String logicalPath(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] segments = trimmed.split("/", -1);
    if (segments.length >= 3 && segments[1].equals("data")) {
      return segments[0] + "/" + trimmed.substring(segments[0].length() + "/data/".length());
    }
    return trimmed;
  }

  static List<FieldIssue> issues(CredentialDraft draft) {
    List<FieldIssue> issues = new ArrayList<>();
    pathIssue(draft.path()).ifPresent(issues::add);
    issues.addAll(fieldIssues(draft.fields()));
    pinIssue(draft.kvVersion(), draft.secretVersion()).ifPresent(issues::add);
    return issues;
  }

  static Optional<FieldIssue> pathIssue(String path) {
    if (path == null) {
      return Optional.empty();
    }
    Optional<String> violation = SecretPathRule.violation(path);
    if (violation.isPresent()) {
      return Optional.of(new FieldIssue("path", violation.get()));
    }
    return logicalPath(path).indexOf('/') < 1
      ? Optional.of(new FieldIssue("path", "must name a mount and a key, such as secret/sites/acme"))
      : Optional.empty();
  }

  static List<FieldIssue> fieldIssues(Map<String, String> fields) {
    List<FieldIssue> issues = new ArrayList<>();
    if (fields == null) {
      return issues;
    }
    if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
      issues.add(new FieldIssue("fields", "must map 1 to " + MAX_FIELDS + " names"));
    }
    fields.forEach((name, key) -> {
      if (!NAME.matcher(name).matches()) {
        issues.add(new FieldIssue("fields", "names may contain only letters, digits, '_', '.' and '-' (1-64)"));
      } else if (key == null || key.isEmpty() || key.length() > 255 || !TextRules.isSingleLine(key)) {
        issues.add(new FieldIssue("fields." + name, "must name a key of 1-255 characters without control characters"));
      }
    });
    return issues;
  }

  static Optional<FieldIssue> pinIssue(Integer kvVersion, Integer secretVersion) {
    if (kvVersion != null && kvVersion != 1 && kvVersion != 2) {
      return Optional.of(new FieldIssue("kvVersion", "must be 1 or 2"));
    }
    if (secretVersion != null && secretVersion < 1) {
      return Optional.of(new FieldIssue("secretVersion", "must be at least 1"));
    }
    if (secretVersion != null && kvVersion != null && kvVersion == 1) {
      return Optional.of(new FieldIssue("secretVersion", "applies to KV version 2 only"));
    }
    return Optional.empty();
  }
}
