package io.scrapengine.vaultgateway.model.keys;

import io.scrapengine.vaultgateway.bus.BusMessage;

/**
 * PostgreSQL announced a new data keyset version; version 0 means the change feed (re)subscribed and may have
 * missed announcements, so whoever holds a keyset should check for a newer one.
 */
public record KeysetAnnounced(long version) implements BusMessage {

  public static final KeysetAnnounced MAYBE_MISSED = new KeysetAnnounced(0);
}
