package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/**
 * A request to own an Idempotency-Key for one create: the request's fingerprint (its body without the secret_id)
 * and the secret_id as ciphertext bound to the request id, to tell a replay from a different request later.
 */
public record IdempotencyClaim(IdempotencyKeyRef key, UUID requestId, byte[] fingerprint, byte[] secretIdCiphertext)
  implements BusMessage {

  @Override
  public String toString() {
    return "IdempotencyClaim[tenantId=" + key.tenantId() + ", requestId=" + requestId + "]";
  }
}
