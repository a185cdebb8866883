package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;
import java.util.UUID;

/** A stored integration as clients may see it; it carries no secret material at all. */
public record Integration(UUID id, String tenantId, String name, String type, String authMethod,
                          VaultSettings vault, LastTest lastTest, Instant createdAt, Instant updatedAt,
                          long version) implements BusMessage {
}
