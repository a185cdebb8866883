package io.scrapengine.vaultgateway.support.vault;

import io.scrapengine.vaultgateway.vault.AllowedCidrs;
import io.scrapengine.vaultgateway.vault.VaultClientOptions;

/**
 * Client options for tests against the emulator: short timeouts, and either the production guard (nothing
 * non-public allowed) or the loopback networks allowed the way an operator would, via the CIDR list.
 */
public final class LoopbackVault {

  public static final String LOOPBACK_CIDRS = "127.0.0.0/8, ::1/128";

  private LoopbackVault() {
  }

  /** Loopback allowed through VAULT_ALLOWED_CIDRS-style configuration. */
  public static VaultClientOptions allowed() {
    return guarded().withAllowedCidrs(AllowedCidrs.parse(LOOPBACK_CIDRS));
  }

  /** The production default: no exceptions, so loopback is refused. */
  public static VaultClientOptions guarded() {
    return VaultClientOptions.defaults().withConnectTimeoutMs(2_000).withRequestTimeoutMs(4_000);
  }
}
