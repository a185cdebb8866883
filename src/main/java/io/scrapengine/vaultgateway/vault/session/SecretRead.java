package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IntegrationAccess;

/** A read of one secret through the session of an integration, for {@code actor}. */
public record SecretRead(IntegrationAccess access, SecretLocation location, Actor actor) implements BusMessage {
}
