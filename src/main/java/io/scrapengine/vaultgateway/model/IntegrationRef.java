package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/** One tenant's integration, by id: every lookup is scoped to the caller's tenant. */
public record IntegrationRef(String tenantId, UUID id) implements BusMessage {
}
