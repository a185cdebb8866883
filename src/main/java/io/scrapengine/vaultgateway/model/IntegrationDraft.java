package io.scrapengine.vaultgateway.model;

/**
 * An integration as a client asks to register it (or to test it unsaved): its name, settings and secret_id (given,
 * or wrapped by the client's Vault).
 */
public record IntegrationDraft(String name, VaultSettings settings, SecretIdInput secretId) {

  /** A draft that carries the secret_id itself. */
  public IntegrationDraft(String name, VaultSettings settings, SecretValue secretId) {
    this(name, settings, SecretIdInput.given(secretId));
  }
}
