package io.scrapengine.vaultgateway.config;

import io.scrapengine.vaultgateway.vault.egress.AllowedCidrs;
import io.scrapengine.vaultgateway.vault.VaultClientOptions;
import io.vertx.core.json.JsonObject;

/** How the gateway reaches customers' Vaults: timeouts, response cap, and the networks operators allow. */
public record VaultConfig(VaultClientOptions clientOptions) {

  static VaultConfig from(JsonObject json) {
    AllowedCidrs allowed;
    try {
      allowed = AllowedCidrs.parse(JsonValues.string(json, "allowedCidrs", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("VAULT_ALLOWED_CIDRS: " + e.getMessage());
    }
    return new VaultConfig(new VaultClientOptions(
      JsonValues.integer(json, "connectTimeoutMs", VaultClientOptions.DEFAULT_CONNECT_TIMEOUT_MS, 100, 120_000),
      JsonValues.integer(json, "requestTimeoutMs", VaultClientOptions.DEFAULT_REQUEST_TIMEOUT_MS, 100, 300_000),
      JsonValues.integer(json, "maxResponseBytes", VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES, 1024,
        64 * 1024 * 1024),
      allowed));
  }
}
