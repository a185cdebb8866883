package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** A create that completes the Idempotency-Key it claimed, in the same statement that stores the integration. */
public record IdempotentCreate(NewIntegration integration, IdempotencyKeyRef key) implements BusMessage {
}
