package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** One tenant's Idempotency-Key. */
public record IdempotencyKeyRef(String tenantId, String key) implements BusMessage {

  @Override
  public String toString() {
    return "IdempotencyKeyRef[tenantId=" + tenantId + "]";
  }
}
