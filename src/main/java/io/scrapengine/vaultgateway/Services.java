package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.KeysetReadiness;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionTest;
import io.scrapengine.vaultgateway.vault.SecretIdUnwrapper;
import io.scrapengine.vaultgateway.vault.VaultClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The composition root: every service of the process, built once and handed to the HTTP verticles. Services hold
 * no per-event-loop state; the resources behind them have one owner each (the store and key verticles, the Vault
 * client).
 */
public record Services(IntegrationService integrations, StoreClient store, Keyring keyring, VaultClient vault,
                       KeysetReadiness keyReadiness) {

  static Services create(Vertx vertx, GatewayConfig config, Keyring keyring) {
    BusClient bus = BusClient.create(vertx, config.eventBusTimeoutMs());
    StoreClient store = StoreClient.create(bus);
    VaultClient vault = VaultClient.create(vertx, config.vault().clientOptions());
    return new Services(IntegrationService.create(store, keyring, ConnectionTest.create(vault),
      SecretIdUnwrapper.create(vault)), store, keyring, vault,
      KeysetReadiness.create(keyring, KeysetStore.create(bus)));
  }

  Future<Void> close() {
    return vault.close();
  }
}
