package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/**
 * What a claim found. {@code claimed} means this request owns the key and must create, then complete or
 * release it; otherwise the fields describe the earlier request and, when {@code done}, its response.
 */
public record IdempotencyRecord(boolean claimed, UUID requestId, byte[] fingerprint, byte[] secretIdCiphertext,
                                boolean done, int responseStatus, String responseBody, String responseLocation,
                                String responseEtag) implements BusMessage {

  /** What a client is told while the request that owns its key is still running. */
  public static final String IN_USE = "A request with this Idempotency-Key is still in progress; retry shortly.";

  public static IdempotencyRecord claimedBy(UUID requestId) {
    return new IdempotencyRecord(true, requestId, null, null, false, 0, null, null, null);
  }

  @Override
  public String toString() {
    return "IdempotencyRecord[claimed=" + claimed + ", requestId=" + requestId + ", done=" + done + "]";
  }
}
