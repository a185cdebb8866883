package io.scrapengine.vaultgateway.keys;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.bus.LocalMessageCodec;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.KekSource;
import io.scrapengine.vaultgateway.crypto.KekSources;
import io.scrapengine.vaultgateway.store.KeysetStore;
import io.scrapengine.vaultgateway.store.Migrations;
import io.scrapengine.vaultgateway.store.PersistenceOptions;
import io.scrapengine.vaultgateway.store.PersistenceVerticle;
import io.scrapengine.vaultgateway.store.PgOptions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * What a {@code keys} command runs on, outside a running gateway: a Vert.x of its own, the database (migrated, like
 * at a gateway's start, through one persistence verticle with a small pool of its own) and, when the command
 * changes the keyset, the configured key-encryption key. Blocking: for a command's main thread or a test's.
 */
final class KeysRuntime implements AutoCloseable {

  private final Vertx vertx;
  private final GatewayConfig config;
  private final KeysetStore store;
  private KekSource kek;

  private KeysRuntime(Vertx vertx, GatewayConfig config, KeysetStore store) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
  }

  static KeysRuntime start(GatewayConfig config) {
    Vertx vertx = Vertx.vertx();
    try {
      LocalMessageCodec.install(vertx.eventBus());
      PgConnectOptions pgOptions = PgOptions.connectOptions(config.database());
      Migrations.apply(pgOptions);
      // its own pool (not shared by name with a gateway that may run in the same JVM, as in tests)
      PoolOptions pool = PgOptions.poolOptions(config.database(), pgOptions).setShared(false).setMaxSize(2);
      vertx.deployVerticle(new PersistenceVerticle(new PersistenceOptions(pgOptions, pool,
        PgOptions.netOptions(config.database()), config.audit().retentionDays()))).await();
      return new KeysRuntime(vertx, config, KeysetStore.create(BusClient.create(vertx, config.eventBusTimeoutMs())));
    } catch (RuntimeException e) {
      vertx.close().await();
      throw e;
    }
  }

  GatewayConfig config() {
    return config;
  }

  KeysetStore store() {
    return store;
  }

  /** The configured key-encryption key, made on first use (status needs none). */
  KekSource kek() {
    if (kek == null) {
      kek = KekSources.create(vertx, config.profile(), config.crypto(), config.dataDir()).await();
    }
    return kek;
  }

  @Override
  public void close() {
    try {
      if (kek != null) {
        kek.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }
}
