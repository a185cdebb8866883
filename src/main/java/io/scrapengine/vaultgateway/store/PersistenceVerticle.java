package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusConsumers;
import io.scrapengine.vaultgateway.model.AuditEvent;
import io.scrapengine.vaultgateway.model.AuditQuery;
import io.scrapengine.vaultgateway.model.CredentialChanges;
import io.scrapengine.vaultgateway.model.CredentialDeletion;
import io.scrapengine.vaultgateway.model.CredentialQuery;
import io.scrapengine.vaultgateway.model.CredentialRef;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyRelease;
import io.scrapengine.vaultgateway.model.IdempotentCreate;
import io.scrapengine.vaultgateway.model.IdempotentCredentialCreate;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.LastTestUpdate;
import io.scrapengine.vaultgateway.model.LoginRefused;
import io.scrapengine.vaultgateway.model.NewCredential;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Owns the database: the only code that holds the pool or speaks SQL, and it only ever sees ciphertext. Deploy
 * one instance per event loop: the instances share one pool per process (a shared, named pool), and each answers
 * on its own event loop, where the pool hands it connections living on that same loop; so a request from a
 * handler on that loop never changes threads (see {@code bus/AffineAddresses}). Each instance group-commits the
 * audit events of its event loop.
 */
public final class PersistenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PersistenceVerticle.class);
  private static final long PURGE_PERIOD_MS = 10 * 60 * 1000;

  private final PersistenceOptions options;
  private final List<Long> timers = new ArrayList<>();
  private Pool pool;
  private BusConsumers consumers;

  public PersistenceVerticle(PersistenceOptions options) {
    this.options = options;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool().with(options.pool()).with(options.net()).connectingTo(options.connect()).using(vertx)
      .build();
    IntegrationRepository integrations = new IntegrationRepository(pool);
    IdempotencyRepository idempotency = new IdempotencyRepository(pool);
    CredentialRepository credentials = new CredentialRepository(pool);
    AuditRepository audit = new AuditRepository(pool);
    purgePeriodically("expired idempotency keys", idempotency::purgeExpired);
    purgePeriodically("audit events past retention", () -> audit.purge(options.auditRetentionDays()));
    consumers = KeysetAnswers.register(BusConsumers.create(vertx), pool)
      .answer(StoreMessages.CREATE_INTEGRATION, (NewIntegration request) -> integrations.insert(request))
      .answer(StoreMessages.CREATE_INTEGRATION_COMPLETING_KEY,
        (IdempotentCreate request) -> integrations.insertCompletingKey(request))
      .answer(StoreMessages.GET_INTEGRATION, (IntegrationRef request) -> integrations.get(request))
      .answer(StoreMessages.GET_SEALED_INTEGRATION, (IntegrationRef request) -> integrations.getSealed(request))
      .answer(StoreMessages.RECORD_TEST, (LastTestUpdate request) -> integrations.recordTest(request).mapEmpty())
      .answer(StoreMessages.RECORD_LOGIN_REFUSAL,
        (LoginRefused request) -> integrations.recordLoginRefusal(request).mapEmpty())
      .answer(StoreMessages.LIST_INTEGRATIONS, (IntegrationQuery request) -> integrations.list(request))
      .answer(StoreMessages.UPDATE_INTEGRATION, (IntegrationChanges request) -> integrations.update(request))
      .answer(StoreMessages.DELETE_INTEGRATION,
        (IntegrationDeletion request) -> integrations.delete(request).mapEmpty())
      .answer(StoreMessages.CREATE_CREDENTIAL, (NewCredential request) -> credentials.insert(request))
      .answer(StoreMessages.CREATE_CREDENTIAL_COMPLETING_KEY,
        (IdempotentCredentialCreate request) -> credentials.insertCompletingKey(request))
      .answer(StoreMessages.GET_CREDENTIAL, (CredentialRef request) -> credentials.get(request))
      .answer(StoreMessages.GET_RESOLVE_TARGET, (CredentialRef request) -> credentials.resolveTarget(request))
      .answer(StoreMessages.LIST_CREDENTIALS, (CredentialQuery request) -> credentials.list(request))
      .answer(StoreMessages.UPDATE_CREDENTIAL, (CredentialChanges request) -> credentials.update(request))
      .answer(StoreMessages.DELETE_CREDENTIAL,
        (CredentialDeletion request) -> credentials.delete(request).mapEmpty())
      .answer(StoreMessages.CLAIM_IDEMPOTENCY_KEY, (IdempotencyClaim request) -> idempotency.claim(request))
      .answer(StoreMessages.RELEASE_IDEMPOTENCY_KEY,
        (IdempotencyRelease request) -> idempotency.release(request).mapEmpty())
      .answer(StoreMessages.APPEND_AUDIT_EVENT, (AuditEvent request) -> audit.append(request).mapEmpty())
      .answer(StoreMessages.LIST_AUDIT_EVENTS, (AuditQuery request) -> audit.list(request))
      .answer(StoreMessages.PING, (StoreMessages.Ping request) -> integrations.ping().mapEmpty());
    return consumers.completion();
  }

  /** Instances purge at staggered times; a purge is idempotent, so overlapping ones are harmless. */
  private void purgePeriodically(String what, Supplier<Future<Integer>> purge) {
    timers.add(vertx.setPeriodic(PURGE_PERIOD_MS / 2 + ThreadLocalRandom.current().nextLong(PURGE_PERIOD_MS),
      PURGE_PERIOD_MS, ignored -> purge.get()
        .onSuccess(purged -> LOG.debug("purged {} {}", purged, what))
        .onFailure(failure -> LOG.warn("purging {} failed: {}", what, failure.getMessage()))));
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    Future<Void> unregistered = consumers == null ? Future.succeededFuture() : consumers.close();
    // the shared pool closes with the last instance that holds it
    return unregistered.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
