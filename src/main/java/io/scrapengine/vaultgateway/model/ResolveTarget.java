package io.scrapengine.vaultgateway.model;

import io.scrapengine.vaultgateway.bus.BusMessage;

/** A credential with the integration it reads through, as one query finds them for a resolve. */
public record ResolveTarget(Credential credential, IntegrationAccess access) implements BusMessage {
}
