package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/** The whole, validated configuration of one gateway instance. */
public record GatewayConfig(Profile profile, Path dataDir, int instances, HttpConfig http, DatabaseConfig database,
                            AuthConfig auth, CryptoConfig crypto, VaultConfig vault, AuditConfig audit,
                            long eventBusTimeoutMs, ObservabilityConfig observability, CorsConfig cors) {

  public static GatewayConfig from(JsonObject json) {
    int instances = JsonValues.integer(json, "instances", 0, 0, 256);
    Profile profile = Profile.parse(JsonValues.string(json, "profile", "dev"));
    return new GatewayConfig(
      profile,
      Path.of(JsonValues.string(json, "dataDir", ".data")),
      instances == 0 ? Runtime.getRuntime().availableProcessors() : instances,
      HttpConfig.from(JsonValues.section(json, "http")).withDefaultHostFor(profile),
      DatabaseConfig.from(JsonValues.section(json, "database")),
      AuthConfig.from(JsonValues.section(json, "auth")),
      CryptoConfig.from(JsonValues.section(json, "crypto")),
      VaultConfig.from(JsonValues.section(json, "vault")),
      AuditConfig.from(JsonValues.section(json, "audit")),
      JsonValues.integer(JsonValues.section(json, "eventBus"), "requestTimeoutMs", 10_000, 100, 300_000),
      ObservabilityConfig.from(JsonValues.section(json, "observability")),
      CorsConfig.from(JsonValues.section(json, "cors")));
  }
}
