package io.scrapengine.vaultgateway.model;

import java.time.Instant;
import java.util.UUID;

/** Where a page ended, in newest-first order: the next page starts strictly after it. */
public record ListPosition(Instant createdAt, UUID id) {
}
