package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.model.Integration;

/** A registered integration; {@code replayed} when an earlier request with the same Idempotency-Key created it. */
public record Created(Integration integration, boolean replayed) {
}
