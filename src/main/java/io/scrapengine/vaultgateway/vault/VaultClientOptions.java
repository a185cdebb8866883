package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.vault.egress.AllowedCidrs;

/**
 * How the gateway talks to customers' Vaults. Suggested environment variables in brackets.
 *
 * @param connectTimeoutMs TCP (and proxy) connect timeout per call [VAULT_CONNECT_TIMEOUT_MS], default 5 000
 * @param requestTimeoutMs whole-call deadline: DNS, connect, TLS, request and the full response
 *                         [VAULT_REQUEST_TIMEOUT_MS], default 10 000
 * @param maxResponseBytes largest response body read; a bigger one fails the call and resets the connection
 *                         [VAULT_MAX_RESPONSE_BYTES], default 1 MiB
 * @param allowedCidrs     non-public networks a Vault may nevertheless live in [VAULT_ALLOWED_CIDRS,
 *                         comma-separated], default none
 * @param connectionsPerVault most connections open to one Vault address at once; the gateway gives it the
 *                         per-integration in-flight cap [VAULT_MAX_IN_FLIGHT], so that the cap, not a smaller pool,
 *                         is what queues calls; default 32
 */
public record VaultClientOptions(int connectTimeoutMs, int requestTimeoutMs, int maxResponseBytes,
                                 AllowedCidrs allowedCidrs, int connectionsPerVault) {

  public static final int DEFAULT_CONNECTIONS_PER_VAULT = 32;

  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

  public VaultClientOptions {
    if (connectTimeoutMs < 1 || requestTimeoutMs < 1) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
    }
    if (connectionsPerVault < 1) {
      throw new IllegalArgumentException("connectionsPerVault must be positive");
    }
    allowedCidrs = allowedCidrs == null ? AllowedCidrs.NONE : allowedCidrs;
  }

  public static VaultClientOptions defaults() {
    return new VaultClientOptions(DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES,
      AllowedCidrs.NONE, DEFAULT_CONNECTIONS_PER_VAULT);
  }
}
