package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

import java.util.UUID;

/** An integration changed or went away, somewhere in the cluster: what was built on its old settings must go. */
public record IntegrationChanged(UUID integrationId) implements BusMessage {
}
