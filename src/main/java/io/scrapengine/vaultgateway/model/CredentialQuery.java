package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.List;
import java.util.UUID;

/** A page request: one tenant, optionally one integration's credentials, newest first, after a position. */
public record CredentialQuery(String tenantId, UUID integrationId, ListPosition after, int limit)
  implements BusMessage {

  public record Page(List<Credential> items, boolean hasMore) implements BusMessage {
  }
}
