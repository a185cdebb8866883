package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.Optional;

/** The newest stored version of the data keyset, if the database has one yet. */
public record KeysetLookup(StoredKeyset latest) implements BusMessage {

  /** The request for it: it takes no arguments. */
  public enum Latest implements BusMessage {
    INSTANCE
  }

  public Optional<StoredKeyset> found() {
    return Optional.ofNullable(latest);
  }
}
