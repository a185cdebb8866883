package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.scrapengine.vaultgateway.metrics.GatewayMetrics;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionTest;
import io.scrapengine.vaultgateway.vault.VaultClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The composition root: every service of the process, built once and handed to the HTTP verticles. Services hold
 * no per-event-loop state; the resources behind them have one owner each (the store and key verticles, the Vault
 * client).
 */
public record Services(IntegrationService integrations, StoreClient store, Keyring keyring, VaultClient vault,
                       GatewayMetrics metrics) {

  static Services create(Vertx vertx, GatewayConfig config, Keyring keyring, GatewayMetrics metrics) {
    StoreClient store = StoreClient.create(BusClient.create(vertx, config.eventBusTimeoutMs()));
    VaultClient vault = VaultClient.create(vertx, config.vault().clientOptions(), metrics);
    return new Services(IntegrationService.create(store, keyring, ConnectionTest.create(vault)), store, keyring,
      vault, metrics);
  }

  Future<Void> close() {
    return vault.close();
  }
}
