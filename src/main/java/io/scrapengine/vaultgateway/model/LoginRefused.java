package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.time.Instant;

/** Vault refused the credentials of {@code version} of an integration; do not send them again before {@code until}. */
public record LoginRefused(IntegrationRef ref, long version, Instant until) implements BusMessage {
}
