package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyOutcome;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SealedIntegration;
import io.scrapengine.vaultgateway.model.TestRecord;
import io.vertx.core.Future;

/** The HTTP side's view of the persistence verticle. */
public final class StoreClient {

  private final BusClient bus;

  public StoreClient(BusClient bus) {
    this.bus = bus;
  }

  public Future<Integration> createIntegration(NewIntegration integration) {
    return bus.request(StoreMessages.CREATE_INTEGRATION, integration);
  }

  public Future<Integration> getIntegration(IntegrationRef ref) {
    return bus.request(StoreMessages.GET_INTEGRATION, ref);
  }

  public Future<SealedIntegration> getSealedIntegration(IntegrationRef ref) {
    return bus.request(StoreMessages.GET_SEALED_INTEGRATION, ref);
  }

  public Future<Void> recordTest(TestRecord record) {
    return bus.request(StoreMessages.RECORD_TEST, record).mapEmpty();
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

  public Future<Void> settleIdempotencyKey(IdempotencyOutcome outcome) {
    return bus.request(StoreMessages.SETTLE_IDEMPOTENCY_KEY, outcome).mapEmpty();
  }

  public Future<Void> ping() {
    return bus.request(StoreMessages.PING, new StoreMessages.Ping()).mapEmpty();
  }
}
