package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/**
 * What a claim found. {@code claimed} means this request owns the key and must create (which completes the key)
 * or release it; otherwise the fields describe the earlier request and, once it is done, what it created (an
 * {@link Integration} or a {@link Credential}), as it was then.
 */
public record IdempotencyRecord(boolean claimed, UUID requestId, byte[] fingerprint, byte[] secretIdCiphertext,
                                BusMessage created) implements BusMessage {

  public static IdempotencyRecord claimedBy(UUID requestId) {
    return new IdempotencyRecord(true, requestId, null, null, null);
  }

  public boolean done() {
    return created != null;
  }

  @Override
  public String toString() {
    return "IdempotencyRecord[claimed=" + claimed + ", requestId=" + requestId + ", done=" + done() + "]";
  }
}
