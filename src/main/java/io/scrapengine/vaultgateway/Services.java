package io.scrapengine.vaultgateway;

import io.scrapengine.vaultgateway.audit.AuditLog;
import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.credentials.CredentialService;
import io.scrapengine.vaultgateway.crypto.KeysetReadiness;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.integrations.IntegrationService;
import io.scrapengine.vaultgateway.metrics.GatewayMetrics;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionTest;
import io.scrapengine.vaultgateway.vault.SecretIdUnwrapper;
import io.scrapengine.vaultgateway.vault.VaultClient;
import io.scrapengine.vaultgateway.vault.session.SessionDependencies;
import io.scrapengine.vaultgateway.vault.session.VaultSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * The composition root: every service of the process, built once and handed to the HTTP verticles. Services hold
 * no per-event-loop state; the resources behind them have one owner each (the store, key and session verticles,
 * the Vault client).
 *
 * @param sessionDependencies what the Vault session verticles are built with
 */
public record Services(IntegrationService integrations, CredentialService credentials, AuditLog audit,
                       StoreClient store, Keyring keyring, VaultClient vault,
                       SessionDependencies sessionDependencies, KeysetReadiness keyReadiness,
                       GatewayMetrics metrics) {

  static Services create(Vertx vertx, GatewayConfig config, Keyring keyring, GatewayMetrics metrics) {
    Clock clock = Clock.systemUTC();
    BusClient bus = BusClient.create(vertx, config.eventBusTimeoutMs());
    StoreClient store = StoreClient.create(bus);
    VaultClient vault = VaultClient.create(vertx, config.vault().clientOptions(), metrics);
    ConnectionTest connectionTest = ConnectionTest.create(vault);
    AuditLog audit = AuditLog.create(store, clock);
    VaultSessions sessions = VaultSessions.create(bus, config.instances());
    return new Services(IntegrationService.create(store, keyring, connectionTest, sessions, audit,
        SecretIdUnwrapper.create(vault)),
      CredentialService.create(store, sessions, audit, clock), audit, store, keyring, vault,
      new SessionDependencies(vault, connectionTest, keyring, store, config.vault().sessionOptions(), clock,
        metrics),
      KeysetReadiness.create(keyring, KeysetStore.create(bus)), metrics);
  }

  Future<Void> close() {
    return vault.close();
  }
}
