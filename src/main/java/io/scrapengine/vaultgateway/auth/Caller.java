package io.scrapengine.vaultgateway.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who is calling, as established by a verified API key: the tenant whose data the request may touch, the scopes
 * it was granted, and its subject ({@code sub}, for the audit trail; null when the key has none).
 */
public record Caller(String tenantId, String subject, Set<String> scopes, Instant expiresAt) {

  public static final String CONTEXT_KEY = "vault-gateway.caller";
  private static final String READ_SUFFIX = ":read";
  private static final String WRITE_SUFFIX = ":write";

  /** A {@code :write} scope implies the {@code :read} scope of the same resource. */
  public boolean hasScope(String required) {
    if (scopes.contains(required)) {
      return true;
    }
    return required.endsWith(READ_SUFFIX)
      && scopes.contains(required.substring(0, required.length() - READ_SUFFIX.length()) + WRITE_SUFFIX);
  }
}
