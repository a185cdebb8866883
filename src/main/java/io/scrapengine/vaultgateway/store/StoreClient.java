package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusClient;
import io.scrapengine.vaultgateway.model.AuditEvent;
import io.scrapengine.vaultgateway.model.AuditQuery;
import io.scrapengine.vaultgateway.model.Credential;
import io.scrapengine.vaultgateway.model.CredentialChanges;
import io.scrapengine.vaultgateway.model.CredentialDeletion;
import io.scrapengine.vaultgateway.model.CredentialQuery;
import io.scrapengine.vaultgateway.model.CredentialRef;
import io.scrapengine.vaultgateway.model.IdempotentCredentialCreate;
import io.scrapengine.vaultgateway.model.LoginRefused;
import io.scrapengine.vaultgateway.model.NewCredential;
import io.scrapengine.vaultgateway.model.ResolveTarget;
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

  /** Vault refused an integration version's credentials: no instance sends them again before {@code until}. */
  public Future<Void> recordLoginRefusal(LoginRefused refusal) {
    return bus.request(StoreMessages.RECORD_LOGIN_REFUSAL, refusal).mapEmpty();
  }

  /** Fails when the integration is not the tenant's (a missing reference). */
  public Future<Credential> createCredential(NewCredential credential) {
    return bus.request(StoreMessages.CREATE_CREDENTIAL, credential);
  }

  public Future<Credential> createCredential(IdempotentCredentialCreate create) {
    return bus.request(StoreMessages.CREATE_CREDENTIAL_COMPLETING_KEY, create);
  }

  public Future<Credential> getCredential(CredentialRef ref) {
    return bus.request(StoreMessages.GET_CREDENTIAL, ref);
  }

  /** The credential with its integration's access, in one query. */
  public Future<ResolveTarget> getResolveTarget(CredentialRef ref) {
    return bus.request(StoreMessages.GET_RESOLVE_TARGET, ref);
  }

  public Future<CredentialQuery.Page> listCredentials(CredentialQuery query) {
    return bus.request(StoreMessages.LIST_CREDENTIALS, query);
  }

  public Future<Credential> updateCredential(CredentialChanges changes) {
    return bus.request(StoreMessages.UPDATE_CREDENTIAL, changes);
  }

  public Future<Void> deleteCredential(CredentialDeletion deletion) {
    return bus.request(StoreMessages.DELETE_CREDENTIAL, deletion).mapEmpty();
  }

  /** Completes once the event is committed (group-committed with others of this event loop). */
  public Future<Void> appendAuditEvent(AuditEvent event) {
    return bus.request(StoreMessages.APPEND_AUDIT_EVENT, event).mapEmpty();
  }

  public Future<AuditQuery.Page> listAuditEvents(AuditQuery query) {
    return bus.request(StoreMessages.LIST_AUDIT_EVENTS, query);
  }

  public Future<Void> ping() {
    return bus.request(StoreMessages.PING, StoreMessages.Ping.INSTANCE).mapEmpty();
  }
}
