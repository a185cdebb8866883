package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/**
 * The operator's own Vault or OpenBao whose Transit key wraps the data keyset: its address (configured, so the
 * guard for customers' addresses does not apply), the Transit mount and key, an Enterprise namespace, and how to
 * log in: a token (or a file holding one), or an AppRole role_id with a secret_id (or a file holding it).
 */
public record TransitKekConfig(String address, String mount, String key, String namespace, String token,
                               String tokenFile, String authMount, String roleId, String secretId,
                               String secretIdFile, String caCertFile, int requestTimeoutMs) {

  static TransitKekConfig from(JsonObject json) {
    TransitKekConfig config = new TransitKekConfig(
      JsonValues.string(json, "address", null),
      JsonValues.string(json, "mount", "transit"),
      JsonValues.string(json, "key", null),
      JsonValues.string(json, "namespace", null),
      JsonValues.string(json, "token", null),
      JsonValues.string(json, "tokenFile", null),
      JsonValues.string(json, "authMount", "approle"),
      JsonValues.string(json, "roleId", null),
      JsonValues.string(json, "secretId", null),
      JsonValues.string(json, "secretIdFile", null),
      JsonValues.string(json, "caCertFile", null),
      JsonValues.integer(json, "requestTimeoutMs", 10_000, 100, 300_000));
    if (config.isConfigured()) {
      if (config.key == null) {
        throw new ConfigException("KEK_VAULT_ADDRESS needs KEK_VAULT_KEY, the name of the Transit key");
      }
      boolean token = config.token != null || config.tokenFile != null;
      boolean approle = config.roleId != null && (config.secretId != null || config.secretIdFile != null);
      if (token == approle) {
        throw new ConfigException("KEK_VAULT_ADDRESS needs one way to log in: KEK_VAULT_TOKEN (or"
          + " KEK_VAULT_TOKEN_FILE), or KEK_VAULT_ROLE_ID with KEK_VAULT_SECRET_ID (or KEK_VAULT_SECRET_ID_FILE)");
      }
    }
    return config;
  }

  public boolean isConfigured() {
    return address != null;
  }

  public boolean usesAppRole() {
    return roleId != null;
  }

  @Override
  public String toString() {
    return isConfigured() ? "TransitKekConfig[address=" + address + ", mount=" + mount + ", key=" + key
      + ", namespace=" + namespace + ", auth=" + (usesAppRole() ? "approle at " + authMount : "token") + "]"
      : "TransitKekConfig[unset]";
  }
}
