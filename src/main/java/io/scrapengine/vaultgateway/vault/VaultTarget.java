package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.model.SecretValue;

import java.util.Objects;

/**
 * Everything needed to talk to one customer's Vault with AppRole. Built from an integration (with its secret_id
 * decrypted) or from a check request. Validates on construction, so a target that exists is usable; its
 * {@code toString} shows no secret_id (a {@link SecretValue}) and no CA bundle.
 *
 * @param address       http(s) URL, optionally with a path prefix kept before {@code /v1}
 * @param namespace     Vault Enterprise namespace sent as {@code X-Vault-Namespace} on every call, or null
 * @param authMount     AppRole mount path, e.g. {@code approle} (see {@link AuthMountRule})
 * @param roleId        the AppRole role_id
 * @param secretId      the AppRole secret_id
 * @param caCertificate PEM bundle to trust instead of the JVM's CAs, or null (see {@link CaCertificateRule})
 * @param tlsServerName name to verify the certificate against and send as SNI instead of the URL host, or null
 */
public record VaultTarget(String address, String namespace, String authMount, String roleId, SecretValue secretId,
                          String caCertificate, String tlsServerName) {

  public static final String DEFAULT_AUTH_MOUNT = "approle";

  public VaultTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(secretId, "secretId");
    VaultEndpoint.parse(address);
    authMount = authMount == null ? DEFAULT_AUTH_MOUNT : authMount;
    AuthMountRule.violation(authMount).ifPresent(reason -> {
      throw new IllegalArgumentException("authMount " + reason);
    });
    if (namespace != null && (namespace.isEmpty() || namespace.length() > 255
      || namespace.chars().anyMatch(c -> c <= 0x20 || c == 0x7f))) {
      throw new IllegalArgumentException("namespace must be 1-255 characters without whitespace");
    }
    if (roleId.isEmpty() || roleId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("roleId must be non-empty without control characters");
    }
    if (caCertificate != null) {
      CaCertificateRule.violation(caCertificate).ifPresent(reason -> {
        throw new IllegalArgumentException("caCertificate " + reason);
      });
    }
    if (tlsServerName != null) {
      TlsServerNameRule.violation(tlsServerName).ifPresent(reason -> {
        throw new IllegalArgumentException("tlsServerName " + reason);
      });
    }
  }

  /** A target with the default mount and no namespace or TLS settings. */
  public static VaultTarget approle(String address, String roleId, SecretValue secretId) {
    return new VaultTarget(address, null, DEFAULT_AUTH_MOUNT, roleId, secretId, null, null);
  }

  public VaultTarget withNamespace(String value) {
    return new VaultTarget(address, value, authMount, roleId, secretId, caCertificate, tlsServerName);
  }

  public VaultTarget withAuthMount(String value) {
    return new VaultTarget(address, namespace, value, roleId, secretId, caCertificate, tlsServerName);
  }

  public VaultTarget withCaCertificate(String value) {
    return new VaultTarget(address, namespace, authMount, roleId, secretId, value, tlsServerName);
  }

  public VaultTarget withTlsServerName(String value) {
    return new VaultTarget(address, namespace, authMount, roleId, secretId, caCertificate, value);
  }

  public VaultTarget withSecretId(SecretValue value) {
    return new VaultTarget(address, namespace, authMount, roleId, value, caCertificate, tlsServerName);
  }

  public VaultTarget withRoleId(String value) {
    return new VaultTarget(address, namespace, authMount, value, secretId, caCertificate, tlsServerName);
  }

  public VaultEndpoint endpoint() {
    return VaultEndpoint.parse(address);
  }

  @Override
  public String toString() {
    return "VaultTarget[address=" + address + ", namespace=" + namespace + ", authMount=" + authMount
      + ", roleId=" + roleId + ", secretId=" + secretId + ", caCertificate="
      + (caCertificate == null ? "none" : "given") + ", tlsServerName=" + tlsServerName + "]";
  }
}
