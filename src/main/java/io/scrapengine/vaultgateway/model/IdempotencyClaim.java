package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/**
 * A request to own an Idempotency-Key for one create of {@code creates}: the request's fingerprint (its body
 * without any secret_id) and, for integrations, the secret_id as ciphertext bound to the request id, to tell a
 * replay from a different request later (null otherwise).
 */
public record IdempotencyClaim(IdempotencyKeyRef key, Creates creates, UUID requestId, byte[] fingerprint,
                               byte[] secretIdCiphertext) implements BusMessage {

  /** What a key's request creates, and so what a replay answers with. */
  public enum Creates { INTEGRATION, CREDENTIAL }

  @Override
  public String toString() {
    return "IdempotencyClaim[tenantId=" + key.tenantId() + ", creates=" + creates + ", requestId=" + requestId + "]";
  }
}
