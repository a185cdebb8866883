package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/** One tenant's credential, by id: every lookup is scoped to the caller's tenant. */
public record CredentialRef(String tenantId, UUID id) implements BusMessage {
}
