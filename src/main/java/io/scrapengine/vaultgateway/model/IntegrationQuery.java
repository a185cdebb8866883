package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.List;

/** A page request: one tenant, optionally one exact name, newest first, after an optional position. */
public record IntegrationQuery(String tenantId, String name, ListPosition after, int limit) implements BusMessage {

  public record Page(List<Integration> items, boolean hasMore) implements BusMessage {
  }
}
