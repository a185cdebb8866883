package io.scrapengine.vaultgateway.vault;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an AppRole auth mount path may be: segments of {@code [A-Za-z0-9_.-]} separated by single slashes (so
 * {@code approle} and {@code team-a/approle}), no {@code .} or {@code ..} segment, no leading or trailing slash, at
 * most 128 characters. The mount becomes part of a request path, so this is what keeps a customer from steering
 * the login to another Vault endpoint.
 */
public final class AuthMountRule {

  public static final int MAX_LENGTH = 128;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

  private AuthMountRule() {
  }

  /** Why the mount is unacceptable, or empty when it is fine. */
  public static Optional<String> violation(String mount) {
    if (mount == null || mount.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (mount.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (mount.startsWith("/") || mount.endsWith("/")) {
      return Optional.of("must not start or end with '/'");
    }
    for (String segment : mount.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("must not contain '//'");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("must not contain '.' or '..' segments");
      }
      if (!SEGMENT.matcher(segment).matches()) {
        return Optional.of("may contain only letters, digits, '_', '.', '-' and '/' between segments");
      }
    }
    return Optional.empty();
  }
}
