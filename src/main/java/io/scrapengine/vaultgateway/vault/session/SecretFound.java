package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.model.SecretData;

/**
 * A secret read: its data, and where it came from: the mount, the KV version used (found by asking Vault or by
 * trying, or as pinned) and, for KV v2, the version read.
 */
public record SecretFound(SecretData data, String mount, int kvVersion, Integer secretVersion) implements BusMessage {
}
