package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** An integration with its secret_id ciphertext, for the code paths that must log in to the Vault. */
public record SealedIntegration(Integration integration, byte[] secretIdCiphertext) implements BusMessage {

  @Override
  public String toString() {
    return "SealedIntegration[" + integration.id() + "]";
  }
}
