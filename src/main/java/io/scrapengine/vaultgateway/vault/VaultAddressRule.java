package io.scrapengine.vaultgateway.vault;

import java.util.Optional;

/**
 * What a Vault address must be beyond what the contract's schema can say: an absolute http(s) URL with a host,
 * no user-info (credentials in URLs end up in logs), no query and no fragment; a path prefix is allowed, for
 * Vaults behind a reverse proxy. It is checked by the very parser the Vault client connects with, so what is
 * saved is what can be dialled. Whether the host may be dialled is the address guard's call, at connect time.
 */
public final class VaultAddressRule {

  private static final String PREFIX = "the Vault address ";

  private VaultAddressRule() {
  }

  /** Why the address is unacceptable, or empty when it is fine. */
  public static Optional<String> violation(String address) {
    try {
      VaultEndpoint.parse(address);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      String reason = String.valueOf(e.getMessage());
      return Optional.of(reason.startsWith(PREFIX) ? reason.substring(PREFIX.length()) : reason);
    }
  }
}
