package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

public record CredentialDeletion(CredentialRef ref, VersionCondition condition) implements BusMessage {
}
