package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyRelease;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.scrapengine.vaultgateway.model.IdempotentCreate;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.LastTestUpdate;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SealedIntegration;
import io.vertx.core.Future;

/** The persistence verticle as its callers see it: typed operations, domain errors. */
public final class StoreClient {

  private final BusClient bus;

  private StoreClient(BusClient bus) {
    this.bus = bus;
  }

  public static StoreClient create(BusClient bus) {
    return new StoreClient(bus);
  }

  public Future<Integration> createIntegration(NewIntegration integration) {
    return bus.request(StoreMessages.CREATE_INTEGRATION, integration);
  }

  /** Creates and completes the claimed key in one statement; fails if the claim is no longer this request's. */
  public Future<Integration> createIntegration(IdempotentCreate create) {
    return bus.request(StoreMessages.CREATE_INTEGRATION_COMPLETING_KEY, create);
  }

  public Future<Integration> getIntegration(IntegrationRef ref) {
    return bus.request(StoreMessages.GET_INTEGRATION, ref);
  }

  public Future<SealedIntegration> getSealedIntegration(IntegrationRef ref) {
    return bus.request(StoreMessages.GET_SEALED_INTEGRATION, ref);
  }

  public Future<Void> recordTest(LastTestUpdate update) {
    return bus.request(StoreMessages.RECORD_TEST, update).mapEmpty();
  }

  public Future<IntegrationQuery.Page> listIntegrations(IntegrationQuery query) {
    return bus.request(StoreMessages.LIST_INTEGRATIONS, query);
  }

  public Future<Integration> updateIntegration(IntegrationChanges changes) {
    return bus.request(StoreMessages.UPDATE_INTEGRATION, changes);
  }

  public Future<Void> deleteIntegration(IntegrationDeletion deletion) {
    return bus.request(StoreMessages.DELETE_INTEGRATION, deletion).mapEmpty();
  }

  public Future<IdempotencyRecord> claimIdempotencyKey(IdempotencyClaim claim) {
    return bus.request(StoreMessages.CLAIM_IDEMPOTENCY_KEY, claim);
  }

  public Future<Void> releaseIdempotencyKey(IdempotencyRelease release) {
    return bus.request(StoreMessages.RELEASE_IDEMPOTENCY_KEY, release).mapEmpty();
  }

  public Future<Void> ping() {
    return bus.request(StoreMessages.PING, StoreMessages.Ping.INSTANCE).mapEmpty();
  }
}
