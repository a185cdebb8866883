package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;

import java.util.Objects;

/**
 * One customer's Vault as the client talks to it: the integration's settings (already checked by
 * {@link VaultSettingsRules} when they were accepted) and the AppRole secret_id. Its {@code toString} shows no
 * secret_id (a {@link SecretValue}) and no CA bundle.
 */
public record VaultTarget(VaultSettings settings, SecretValue secretId) {

  public VaultTarget {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(secretId, "secretId");
  }

  public String address() {
    return settings.address();
  }

  /** Vault Enterprise namespace sent as {@code X-Vault-Namespace}, or null. */
  public String namespace() {
    return settings.namespace();
  }

  public String authMount() {
    return settings.authMount();
  }

  public String roleId() {
    return settings.roleId();
  }

  /** PEM bundle to trust instead of the JVM's CAs, or null. */
  public String caCertificate() {
    return settings.caCertificate();
  }

  /** Name to verify the certificate against and send as SNI instead of the URL host, or null. */
  public String tlsServerName() {
    return settings.tlsServerName();
  }

  public VaultEndpoint endpoint() {
    return VaultEndpoint.parse(settings.address());
  }

  @Override
  public String toString() {
    return "VaultTarget[" + settings + ", secretId=" + secretId + "]";
  }
}
