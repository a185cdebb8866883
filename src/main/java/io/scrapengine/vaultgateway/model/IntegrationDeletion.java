package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

public record IntegrationDeletion(IntegrationRef ref, VersionCondition condition) implements BusMessage {
}
