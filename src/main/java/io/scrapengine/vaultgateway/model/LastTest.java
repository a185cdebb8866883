package io.scrapengine.vaultgateway.model;

import java.time.Instant;

/** The outcome of the most recent connection test: whether it passed, its error code if not, and when. */
public record LastTest(boolean ok, String code, Instant checkedAt) {
}
