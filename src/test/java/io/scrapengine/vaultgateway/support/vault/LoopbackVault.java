package io.scrapengine.vaultgateway.support.vault;

import io.scrapengine.vaultgateway.vault.VaultClientOptions;
import io.scrapengine.vaultgateway.vault.egress.AllowedCidrs;

/**
 * Client options for tests against the emulator: short timeouts, and either the production guard (nothing
 * non-public allowed) or the loopback networks allowed the way an operator would, via the CIDR list.
 */
public final class LoopbackVault {

  public static final String LOOPBACK_CIDRS = "127.0.0.0/8, ::1/128";
  // the production default: a first TLS handshake (SSL context built from a PEM, cold JIT) on a busy 2-core
  // machine took over 2 s now and then
  private static final int CONNECT_TIMEOUT_MS = VaultClientOptions.DEFAULT_CONNECT_TIMEOUT_MS;
  private static final int REQUEST_TIMEOUT_MS = 4_000;

  private LoopbackVault() {
  }

  /** Loopback allowed through VAULT_ALLOWED_CIDRS-style configuration. */
  public static VaultClientOptions allowed() {
    return allowed(REQUEST_TIMEOUT_MS);
  }

  /** Loopback allowed, with a whole-call deadline of {@code requestTimeoutMs}. */
  public static VaultClientOptions allowed(int requestTimeoutMs) {
    return new VaultClientOptions(CONNECT_TIMEOUT_MS, requestTimeoutMs, VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES,
      AllowedCidrs.parse(LOOPBACK_CIDRS), VaultClientOptions.DEFAULT_CONNECTIONS_PER_VAULT);
  }

  /** The production default: no exceptions, so loopback is refused. */
  public static VaultClientOptions guarded() {
    return new VaultClientOptions(CONNECT_TIMEOUT_MS, REQUEST_TIMEOUT_MS, VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES,
      AllowedCidrs.NONE, VaultClientOptions.DEFAULT_CONNECTIONS_PER_VAULT);
  }
}
