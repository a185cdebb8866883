package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** The response to remember for a claimed Idempotency-Key; a null response releases the key instead. */
public record IdempotencyOutcome(String tenantId, String key, int status, String body, String location, String etag)
  implements BusMessage {

  public static IdempotencyOutcome release(String tenantId, String key) {
    return new IdempotencyOutcome(tenantId, key, 0, null, null, null);
  }

  public boolean releases() {
    return body == null;
  }
}
