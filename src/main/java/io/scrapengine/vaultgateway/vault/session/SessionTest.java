package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IntegrationAccess;

/** A connection test of a stored integration, run by its session's owner among its logins. */
public record SessionTest(IntegrationAccess access, String path, Actor actor) implements BusMessage {
}
