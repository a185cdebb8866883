package io.scrapengine.vaultgateway.config;

import io.scrapengine.vaultgateway.vault.VaultClientOptions;
import io.scrapengine.vaultgateway.vault.egress.AllowedCidrs;
import io.scrapengine.vaultgateway.vault.session.SessionOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * How the gateway reaches customers' Vaults: timeouts, response cap, the networks operators allow, and how
 * sessions behave (idle time, per-integration limits, circuit breaker, retry of refused credentials).
 */
public record VaultConfig(VaultClientOptions clientOptions, SessionOptions sessionOptions) {

  static VaultConfig from(JsonObject json) {
    AllowedCidrs allowed;
    try {
      allowed = AllowedCidrs.parse(JsonValues.string(json, "allowedCidrs", ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("VAULT_ALLOWED_CIDRS: " + e.getMessage());
    }
    int maxInFlight = JsonValues.integer(json, "maxInFlight", SessionOptions.DEFAULT_MAX_IN_FLIGHT, 1, 10_000);
    VaultClientOptions client = new VaultClientOptions(
      JsonValues.integer(json, "connectTimeoutMs", VaultClientOptions.DEFAULT_CONNECT_TIMEOUT_MS, 100, 120_000),
      JsonValues.integer(json, "requestTimeoutMs", VaultClientOptions.DEFAULT_REQUEST_TIMEOUT_MS, 100, 300_000),
      JsonValues.integer(json, "maxResponseBytes", VaultClientOptions.DEFAULT_MAX_RESPONSE_BYTES, 1024,
        64 * 1024 * 1024),
      allowed, maxInFlight);
    SessionOptions sessions = new SessionOptions(
      Duration.ofSeconds(JsonValues.integer(json, "sessionIdleSeconds", SessionOptions.DEFAULT_IDLE_SECONDS, 1,
        86_400)),
      maxInFlight,
      JsonValues.integer(json, "queueSize", SessionOptions.DEFAULT_QUEUE_SIZE, 0, 100_000),
      JsonValues.integer(json, "circuitFailures", SessionOptions.DEFAULT_CIRCUIT_FAILURES, 1, 1_000),
      Duration.ofSeconds(JsonValues.integer(json, "circuitOpenSeconds", SessionOptions.DEFAULT_CIRCUIT_OPEN_SECONDS,
        1, 3_600)),
      Duration.ofSeconds(JsonValues.integer(json, "loginRetryAfterSeconds",
        SessionOptions.DEFAULT_LOGIN_RETRY_AFTER_SECONDS, 1, 86_400)));
    return new VaultConfig(client, sessions);
  }
}
