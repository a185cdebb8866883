package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/** An integration ready to be stored: the secret_id is already ciphertext; lastTest is set when it was verified. */
public record NewIntegration(UUID id, String tenantId, String name, VaultSettings vault, byte[] secretIdCiphertext,
                             LastTest lastTest) implements BusMessage {

  @Override
  public String toString() {
    return "NewIntegration[id=" + id + ", tenantId=" + tenantId + ", name=" + name + "]";
  }
}
