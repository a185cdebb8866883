package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/**
 * Keys for secrets at rest: the key-encryption key that wraps the data keyset stored in PostgreSQL (a Tink keyset
 * file or JSON, or the operator's Vault Transit), how often instances report what they loaded, and the cleartext
 * keyset of deployments from before the keyset lived in the database ({@code KEYSET_FILE}/{@code KEYSET_JSON},
 * read by {@code keys import} and checked at start).
 *
 * @param heartbeatSeconds       how often each instance records the keyset version it has loaded
 * @param instanceTimeoutSeconds an instance not heard from for this long no longer counts as running
 */
public record CryptoConfig(String keysetFile, String keysetJson, String kekFile, String kekJson,
                           TransitKekConfig kekVault, int heartbeatSeconds, int instanceTimeoutSeconds) {

  static CryptoConfig from(JsonObject json) {
    CryptoConfig config = new CryptoConfig(
      JsonValues.string(json, "keysetFile", null),
      JsonValues.string(json, "keysetJson", null),
      JsonValues.string(json, "kekFile", null),
      JsonValues.string(json, "kekJson", null),
      TransitKekConfig.from(JsonValues.section(json, "kekVault")),
      JsonValues.integer(json, "heartbeatSeconds", 10, 1, 3600),
      JsonValues.integer(json, "instanceTimeoutSeconds", 30, 2, 24 * 3600));
    int kekSources = (config.kekFile != null ? 1 : 0) + (config.kekJson != null ? 1 : 0)
      + (config.kekVault.isConfigured() ? 1 : 0);
    if (kekSources > 1) {
      throw new ConfigException("configure one key-encryption key: KEK_FILE, KEK_JSON or KEK_VAULT_ADDRESS");
    }
    if (config.instanceTimeoutSeconds < 2 * config.heartbeatSeconds) {
      throw new ConfigException("KEYSET_INSTANCE_TIMEOUT_SECONDS must be at least twice KEYSET_HEARTBEAT_SECONDS");
    }
    return config;
  }

  /** Whether any key material is configured (a KEK, or a cleartext keyset of an earlier version). */
  public boolean isConfigured() {
    return hasKek() || hasLegacyKeyset();
  }

  /** Whether a cleartext keyset from before the keyset lived in the database is configured. */
  public boolean hasLegacyKeyset() {
    return keysetFile != null || keysetJson != null;
  }

  /** Whether a key-encryption key is configured (the dev profile generates one otherwise). */
  public boolean hasKek() {
    return kekFile != null || kekJson != null || kekVault.isConfigured();
  }

  @Override
  public String toString() {
    return "CryptoConfig[kekFile=" + kekFile + ", kekJson=" + (kekJson == null ? "unset" : "set") + ", kekVault="
      + kekVault + ", heartbeatSeconds=" + heartbeatSeconds + ", instanceTimeoutSeconds=" + instanceTimeoutSeconds
      + ", keysetFile=" + keysetFile + ", keysetJson=" + (keysetJson == null ? "unset" : "set") + "]";
  }
}
