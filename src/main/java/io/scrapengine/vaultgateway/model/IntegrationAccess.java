package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/**
 * Everything needed to log in to one integration's Vault: its settings, its version (a new version needs a new
 * login), the secret_id still sealed (opened only when a login is due) and what Vault refused before.
 */
public record IntegrationAccess(UUID integrationId, String tenantId, long version, VaultSettings settings,
                                byte[] sealedSecretId, LoginRefusal refusal) implements BusMessage {

  public IntegrationRef ref() {
    return new IntegrationRef(tenantId, integrationId);
  }

  @Override
  public String toString() {
    return "IntegrationAccess[integrationId=" + integrationId + ", version=" + version + "]";
  }
}
