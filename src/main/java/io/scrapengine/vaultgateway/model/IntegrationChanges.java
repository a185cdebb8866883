package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/**
 * What a merge patch changes; a null field stays as it is. The nullable settings (namespace, CA bundle, TLS
 * name) carry a flag each, because null is a value there: it clears them. The secret_id arrives encrypted.
 */
public record IntegrationChanges(IntegrationRef ref, VersionCondition condition, String name, String address,
                                 Nullable namespace, String authMount, String roleId, Nullable caCertificate,
                                 Nullable tlsServerName, byte[] secretIdCiphertext) implements BusMessage {

  /** A change to a nullable field: {@code changed} says whether the patch named it at all. */
  public record Nullable(boolean changed, String value) {

    public static final Nullable UNCHANGED = new Nullable(false, null);

    public static Nullable to(String value) {
      return new Nullable(true, value);
    }
  }

  public boolean changesAnything() {
    return name != null || address != null || namespace.changed() || authMount != null || roleId != null
      || caCertificate.changed() || tlsServerName.changed() || secretIdCiphertext != null;
  }

  @Override
  public String toString() {
    return "IntegrationChanges[ref=" + ref + ", condition=" + condition + ", name=" + name + ", secretIdChanged="
      + (secretIdCiphertext != null) + "]";
  }
}
