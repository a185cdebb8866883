package io.scrapengine.vaultgateway.idempotency;

/** Something created; {@code replayed} when an earlier request with the same Idempotency-Key created it. */
public record Created<T>(T value, boolean replayed) {
}
