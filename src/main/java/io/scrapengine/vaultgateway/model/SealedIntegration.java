package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** An integration with what logging in to its Vault takes, for the code paths that must log in. */
public record SealedIntegration(Integration integration, IntegrationAccess access) implements BusMessage {

  @Override
  public String toString() {
    return "SealedIntegration[" + integration.id() + "]";
  }
}
