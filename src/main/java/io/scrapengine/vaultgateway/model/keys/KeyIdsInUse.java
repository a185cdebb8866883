package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.Set;

/** The key ids that stored ciphertexts name (cheap: read from an index, for readiness probes). */
public record KeyIdsInUse(Set<Long> keyIds) implements BusMessage {

  public KeyIdsInUse {
    keyIds = Set.copyOf(keyIds);
  }

  /** The request: it takes no arguments. */
  public enum Query implements BusMessage {
    INSTANCE
  }
}
