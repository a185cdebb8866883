package io.scrapengine.vaultgateway.model;

/** An integration as a client asks to register it (or to test it unsaved): its name, settings and secret_id. */
public record IntegrationDraft(String name, VaultSettings settings, SecretValue secretId) {
}
