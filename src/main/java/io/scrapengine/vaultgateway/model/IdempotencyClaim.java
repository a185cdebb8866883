package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/** A request to own an Idempotency-Key for one create; the secret_id is ciphertext bound to the request id. */
public record IdempotencyClaim(String tenantId, String key, UUID requestId, byte[] fingerprint,
                               byte[] secretIdCiphertext) implements BusMessage {

  @Override
  public String toString() {
    return "IdempotencyClaim[tenantId=" + tenantId + ", requestId=" + requestId + "]";
  }
}
