package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/** Where the Tink keyset that encrypts secrets at rest comes from. */
public record CryptoConfig(String keysetFile, String keysetJson) {

  static CryptoConfig from(JsonObject json) {
    return new CryptoConfig(JsonValues.string(json, "keysetFile", null), JsonValues.string(json, "keysetJson", null));
  }

  public boolean isConfigured() {
    return keysetFile != null || keysetJson != null;
  }

  @Override
  public String toString() {
    return "CryptoConfig[keysetFile=" + keysetFile + ", keysetJson=" + (keysetJson == null ? "unset" : "set") + "]";
  }
}
