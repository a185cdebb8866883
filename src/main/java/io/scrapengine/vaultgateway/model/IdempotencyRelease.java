package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/** Gives up the claim a request holds on a key, so that a retry may create; someone else's claim stays. */
public record IdempotencyRelease(IdempotencyKeyRef key, UUID requestId) implements BusMessage {
}
