package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/**
 * What a merge patch changes; a null field stays as it is. {@code namespace} is separate because null is a
 * value there (it clears the namespace). The secret_id arrives already encrypted.
 */
public record IntegrationChanges(IntegrationRef ref, VersionCondition condition, String name, String address,
                                 boolean namespaceChanged, String namespace, String roleId,
                                 byte[] secretIdCiphertext) implements BusMessage {

  public boolean changesAnything() {
    return name != null || address != null || namespaceChanged || roleId != null || secretIdCiphertext != null;
  }

  @Override
  public String toString() {
    return "IntegrationChanges[ref=" + ref + ", condition=" + condition + ", name=" + name + ", secretIdChanged="
      + (secretIdCiphertext != null) + "]";
  }
}
