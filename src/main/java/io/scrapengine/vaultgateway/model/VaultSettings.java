package io.scrapengine.vaultgateway.model;

/**
 * How to reach and log in to one customer's Vault, apart from the secret_id: address, Enterprise namespace,
 * AppRole mount and role_id, and the TLS trust for it (a CA bundle and the name to verify, both optional).
 */
public record VaultSettings(String address, String namespace, String authMount, String roleId, String caCertificate,
                            String tlsServerName) {

  /** Where AppRole is mounted unless the customer says otherwise. */
  public static final String DEFAULT_AUTH_MOUNT = "approle";

  @Override
  public String toString() {
    return "VaultSettings[address=" + address + ", namespace=" + namespace + ", authMount=" + authMount
      + ", roleId=" + roleId + ", caCertificate=" + (caCertificate == null ? "none" : "set")
      + ", tlsServerName=" + tlsServerName + "]";
  }
}
