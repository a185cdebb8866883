package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusConsumers;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyRelease;
import io.scrapengine.vaultgateway.model.IdempotentCreate;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.LastTestUpdate;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Owns the database: the only code that holds the pool or speaks SQL, and it only ever sees ciphertext. Deploy
 * one instance per event loop: the instances share one pool per process (a shared, named pool), and each answers
 * on its own event loop, where the pool hands it connections living on that same loop; so a request from a
 * handler on that loop never changes threads (see {@code bus/AffineAddresses}).
 */
public final class PersistenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);
  private static final long PURGE_PERIOD_MS = 10 * 60 * 1000;

  private final PgConnectOptions connectOptions;
  private final PoolOptions poolOptions;
  private final NetClientOptions netOptions;
  private Pool pool;
  private BusConsumers consumers;
  private long purgeTimer = -1;

  public PersistenceVerticle(PgConnectOptions connectOptions, PoolOptions poolOptions, NetClientOptions netOptions) {
    this.connectOptions = connectOptions;
    this.poolOptions = poolOptions;
    this.netOptions = netOptions;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(poolOptions).with(netOptions).connectingTo(connectOptions).using(vertx).build();
    IntegrationRepository integrations = new IntegrationRepository(pool);
    IdempotencyRepository idempotency = new IdempotencyRepository(pool);
    // Instances purge at staggered times; a purge is idempotent, so overlapping ones are harmless.
    purgeTimer = vertx.setPeriodic(PURGE_PERIOD_MS / 2 + ThreadLocalRandom.current().nextLong(PURGE_PERIOD_MS),
      PURGE_PERIOD_MS, ignored -> idempotency.purgeExpired()
        .onSuccess(purged -> LOG.debug("purged {} expired idempotency keys", purged))
        .onFailure(failure -> LOG.warn("purging expired idempotency keys failed: {}", failure.getMessage())));
    consumers = KeysetAnswers.register(BusConsumers.create(vertx), pool)
      .answer(StoreMessages.CREATE_INTEGRATION, (NewIntegration request) -> integrations.insert(request))
      .answer(StoreMessages.CREATE_INTEGRATION_COMPLETING_KEY,
        (IdempotentCreate request) -> integrations.insertCompletingKey(request))
      .answer(StoreMessages.GET_INTEGRATION, (IntegrationRef request) -> integrations.get(request))
      .answer(StoreMessages.GET_SEALED_INTEGRATION, (IntegrationRef request) -> integrations.getSealed(request))
      .answer(StoreMessages.RECORD_TEST, (LastTestUpdate request) -> integrations.recordTest(request).mapEmpty())
      .answer(StoreMessages.LIST_INTEGRATIONS, (IntegrationQuery request) -> integrations.list(request))
      .answer(StoreMessages.UPDATE_INTEGRATION, (IntegrationChanges request) -> integrations.update(request))
      .answer(StoreMessages.DELETE_INTEGRATION,
        (IntegrationDeletion request) -> integrations.delete(request).mapEmpty())
      .answer(StoreMessages.CLAIM_IDEMPOTENCY_KEY, (IdempotencyClaim request) -> idempotency.claim(request))
      .answer(StoreMessages.RELEASE_IDEMPOTENCY_KEY,
        (IdempotencyRelease request) -> idempotency.release(request).mapEmpty())
      .answer(StoreMessages.PING, (StoreMessages.Ping request) -> integrations.ping().mapEmpty());
    return consumers.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    Future<Void> unregistered = consumers == null ? Future.succeededFuture() : consumers.close();
    // the shared pool closes with the last instance that holds it
    return unregistered.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
