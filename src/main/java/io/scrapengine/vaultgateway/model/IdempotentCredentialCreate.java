package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** A credential create that completes the Idempotency-Key it claimed, in the statement that stores it. */
public record IdempotentCredentialCreate(NewCredential credential, IdempotencyKeyRef key) implements BusMessage {
}
