package io.scrapengine.vaultgateway.vault.session;

import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.metrics.GatewayMetrics;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionTest;
import io.scrapengine.vaultgateway.vault.VaultClient;

import java.time.Clock;

/**
 * What sessions use: the Vault client and test, the keyring (to open secret_ids), the store, the settings, and the
 * meters they count logins, renewals and token reuse on.
 */
public record SessionDependencies(VaultClient client, ConnectionTest connectionTest, Keyring keyring,
                                  StoreClient store, SessionOptions options, Clock clock, GatewayMetrics metrics) {
}
