package io.scrapengine.vaultgateway.support.vault;

import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.vault.VaultTarget;

/** Vault targets for tests, built field by field: {@code Targets.approle(url, role, secret).namespace("x").build()}. */
public final class Targets {

  private String address;
  private String namespace;
  private String authMount = VaultSettings.DEFAULT_AUTH_MOUNT;
  private String roleId;
  private SecretValue secretId;
  private String caCertificate;
  private String tlsServerName;

  private Targets() {
  }

  /** A target with the default mount and no namespace or TLS settings. */
  public static VaultTarget approle(String address, String roleId, SecretValue secretId) {
    return with(address, roleId, secretId).build();
  }

  public static Targets with(String address, String roleId, SecretValue secretId) {
    Targets targets = new Targets();
    targets.address = address;
    targets.roleId = roleId;
    targets.secretId = secretId;
    return targets;
  }

  /** A builder starting from an existing target. */
  public static Targets from(VaultTarget target) {
    Targets targets = with(target.address(), target.roleId(), target.secretId());
    targets.namespace = target.namespace();
    targets.authMount = target.authMount();
    targets.caCertificate = target.caCertificate();
    targets.tlsServerName = target.tlsServerName();
    return targets;
  }

  public Targets namespace(String value) {
    namespace = value;
    return this;
  }

  public Targets authMount(String value) {
    authMount = value;
    return this;
  }

  public Targets roleId(String value) {
    roleId = value;
    return this;
  }

  public Targets secretId(SecretValue value) {
    secretId = value;
    return this;
  }

  public Targets caCertificate(String value) {
    caCertificate = value;
    return this;
  }

  public Targets tlsServerName(String value) {
    tlsServerName = value;
    return this;
  }

  public VaultTarget build() {
    return new VaultTarget(new VaultSettings(address, namespace, authMount, roleId, caCertificate, tlsServerName),
      secretId);
  }
}
