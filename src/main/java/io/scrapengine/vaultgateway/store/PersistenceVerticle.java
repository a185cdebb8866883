package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.Replies;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Owns a connection pool and answers store requests; it only ever sees ciphertext. */
public final class PersistenceVerticle extends VerticleBase {

  private final PgConnectOptions connectOptions;
  private final PoolOptions poolOptions;
  private final NetClientOptions netOptions;
  private Pool pool;

  public PersistenceVerticle(PgConnectOptions connectOptions, PoolOptions poolOptions, NetClientOptions netOptions) {
    this.connectOptions = connectOptions;
    this.poolOptions = poolOptions;
    this.netOptions = netOptions;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(poolOptions).with(netOptions).connectingTo(connectOptions).using(vertx).build();
    IntegrationRepository integrations = new IntegrationRepository(pool);
    EventBus bus = vertx.eventBus();
    return Future.all(
      bus.<NewIntegration>localConsumer(StoreMessages.CREATE_INTEGRATION,
        message -> Replies.replyWith(message, integrations.insert(message.body()))).completion(),
      bus.<StoreMessages.Ping>localConsumer(StoreMessages.PING,
        message -> Replies.replyWith(message, integrations.ping().map(ignored -> new StoreMessages.Pong())))
        .completion());
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
