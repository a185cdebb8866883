package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.Replies;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyOutcome;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.TestRecord;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Owns a connection pool and answers store requests; it only ever sees ciphertext. */
public final class PersistenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);
  private static final long PURGE_PERIOD_MS = 10 * 60 * 1000;

  private final PgConnectOptions connectOptions;
  private final PoolOptions poolOptions;
  private final NetClientOptions netOptions;
  private Pool pool;
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
    EventBus bus = vertx.eventBus();
    return Future.all(List.of(
      answer(bus, StoreMessages.CREATE_INTEGRATION, (NewIntegration request) -> integrations.insert(request)),
      answer(bus, StoreMessages.GET_INTEGRATION, (IntegrationRef request) -> integrations.get(request)),
      answer(bus, StoreMessages.GET_SEALED_INTEGRATION, (IntegrationRef request) -> integrations.getSealed(request)),
      answer(bus, StoreMessages.RECORD_TEST, (TestRecord request) ->
        integrations.recordTest(request).map(new StoreMessages.Done())),
      answer(bus, StoreMessages.LIST_INTEGRATIONS, (IntegrationQuery request) -> integrations.list(request)),
      answer(bus, StoreMessages.UPDATE_INTEGRATION, (IntegrationChanges request) -> integrations.update(request)),
      answer(bus, StoreMessages.DELETE_INTEGRATION, (IntegrationDeletion request) ->
        integrations.delete(request).map(new StoreMessages.Done())),
      answer(bus, StoreMessages.CLAIM_IDEMPOTENCY_KEY, (IdempotencyClaim request) -> idempotency.claim(request)),
      answer(bus, StoreMessages.SETTLE_IDEMPOTENCY_KEY, (IdempotencyOutcome request) ->
        idempotency.settle(request).map(new StoreMessages.Done())),
      answer(bus, StoreMessages.PING, (StoreMessages.Ping request) ->
        integrations.ping().map(new StoreMessages.Done()))));
  }

  private static <T, R> Future<Void> answer(EventBus bus, String address, Function<T, Future<R>> operation) {
    Handler<Message<T>> handler = message -> Replies.replyWith(message, operation.apply(message.body()));
    return bus.localConsumer(address, handler).completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
