package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many stored ciphertexts name each key id: the integrations' secret_ids and the live Idempotency-Key records'.
 * A ciphertext without a readable key id prefix is counted under key id -1.
 */
public record KeyUsage(Map<Long, Long> integrations, Map<Long, Long> idempotencyRecords) implements BusMessage {

  public static final long NO_KEY_ID = -1;

  public KeyUsage {
    integrations = Map.copyOf(integrations);
    idempotencyRecords = Map.copyOf(idempotencyRecords);
  }

  /** The request for the full counts (a scan; for operators). */
  public enum Count implements BusMessage {
    INSTANCE
  }

  public long total(long keyId) {
    return integrations.getOrDefault(keyId, 0L) + idempotencyRecords.getOrDefault(keyId, 0L);
  }

  public Set<Long> keyIds() {
    Set<Long> ids = new TreeSet<>(integrations.keySet());
    ids.addAll(idempotencyRecords.keySet());
    return ids;
  }
}
