package io.scrapengine.vaultgateway.credentials;

import java.util.Map;
import java.util.UUID;

/**
 * A credential as a client asks to register it: its name, the integration and path of the secret, the mapping
 * of answer names to keys inside the secret, and optional pins of the KV version and of the secret's version.
 */
public record CredentialDraft(String name, UUID integrationId, String path, Map<String, String> fields,
                              Integer kvVersion, Integer secretVersion) {
}
