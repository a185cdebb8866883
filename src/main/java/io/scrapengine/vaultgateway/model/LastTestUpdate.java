package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** A connection test's outcome, to keep as the integration's lastTest. */
public record LastTestUpdate(IntegrationRef ref, LastTest lastTest) implements BusMessage {
}
