package io.scrapengine.vaultgateway.model;

import java.time.Instant;

/**
 * What the gateway remembers of Vault refusing an integration's AppRole login for invalid credentials: which
 * version of the integration was refused and until when that version is not sent again, and when the last such
 * refusal happened (a later 403 is then most likely a lockout).
 *
 * @param refusedVersion the integration version whose credentials were refused, or 0
 * @param until          no login with that version before this instant, or null
 * @param lastRefusedAt  the last refusal for invalid credentials, whatever the version, or null
 */
public record LoginRefusal(long refusedVersion, Instant until, Instant lastRefusedAt) {

  public static final LoginRefusal NONE = new LoginRefusal(0, null, null);

  /** Whether a login with {@code version} must not be tried at {@code now}. */
  public boolean blocks(long version, Instant now) {
    return refusedVersion == version && until != null && now.isBefore(until);
  }

  /** Whether a refusal happened within {@code window} before {@code now}. */
  public boolean recent(Instant now, java.time.Duration window) {
    return lastRefusedAt != null && now.isBefore(lastRefusedAt.plus(window));
  }
}
