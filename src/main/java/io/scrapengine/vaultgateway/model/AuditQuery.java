package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page of a tenant's audit events, newest first, filtered by any of credential, integration, action, since. */
public record AuditQuery(String tenantId, UUID credentialId, UUID integrationId, String action, Instant since,
                         ListPosition after, int limit) implements BusMessage {

  public record Page(List<AuditEvent> items, boolean hasMore) implements BusMessage {
  }
}
