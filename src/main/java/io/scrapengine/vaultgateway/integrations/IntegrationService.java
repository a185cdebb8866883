package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.audit.AuditEntry;
import io.scrapengine.vaultgateway.audit.AuditLog;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.idempotency.Created;
import io.scrapengine.vaultgateway.idempotency.IdempotentCreates;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyKeyRef;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.scrapengine.vaultgateway.model.IdempotentCreate;
import io.scrapengine.vaultgateway.model.Ids;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationDraft;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.LastTestUpdate;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionTest;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult;
import io.scrapengine.vaultgateway.vault.VaultSettingsRules;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.scrapengine.vaultgateway.vault.session.VaultSessions;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The rules of Vault integrations: what may be registered and changed, idempotent creates, connection tests.
 * Secrets are sealed here, so the store only ever sees ciphertext; ids are time-ordered UUIDs (v7) made here,
 * before the insert. Changes and tests are audited.
 */
public final class IntegrationService {

  private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);

  private final StoreClient store;
  private final Keyring keyring;
  private final ConnectionTest connectionTest;
  private final VaultSessions sessions;
  private final IdempotentCreates idempotent;
  private final AuditLog audit;

  private IntegrationService(StoreClient store, Keyring keyring, ConnectionTest connectionTest,
                             VaultSessions sessions, AuditLog audit) {
    this.store = store;
    this.keyring = keyring;
    this.connectionTest = connectionTest;
    this.sessions = sessions;
    this.idempotent = IdempotentCreates.create(store);
    this.audit = audit;
  }

  /**
   * @param connectionTest runs tests of integrations not saved yet
   * @param sessions       runs tests of saved ones, among their logins
   */
  public static IntegrationService create(StoreClient store, Keyring keyring, ConnectionTest connectionTest,
                                          VaultSessions sessions, AuditLog audit) {
    return new IntegrationService(store, keyring, connectionTest, sessions, audit);
  }

  /**
   * Registers an integration. With {@code verify} the connection test runs first and a failure stops the save.
   * With an Idempotency-Key, a repeat of the same request gets the integration the first created.
   */
  public Future<Created<Integration>> create(CreateRequest request) {
    long started = System.nanoTime();
    UUID id = Ids.next();
    return valid(VaultSettingsRules.issues(request.draft().settings()))
      .compose(ok -> request.idempotencyKey() == null
        ? verified(request).compose(lastTest -> store.createIntegration(newIntegration(request, id, lastTest)))
          .map(integration -> new Created<>(integration, false))
        : createClaiming(request, id))
      .andThen(outcome -> audit.record(AuditEntry.of(request.tenantId(), request.actor(), "integration.create")
        .integration(outcome.succeeded() ? outcome.result().value().id() : null)
        .detail(outcome.succeeded() && outcome.result().replayed() ? "replayed" : null), started, outcome));
  }

  private Future<Created<Integration>> createClaiming(CreateRequest request, UUID id) {
    IdempotencyKeyRef key = new IdempotencyKeyRef(request.tenantId(), request.idempotencyKey().value());
    SecretValue secretId = request.draft().secretId();
    byte[] secretForClaim = keyring.seal(EncryptionContext.idempotencySecretId(request.tenantId(), id), secretId);
    IdempotencyClaim claim = new IdempotencyClaim(key, IdempotencyClaim.Creates.INTEGRATION, id,
      request.idempotencyKey().fingerprint(), secretForClaim);
    return idempotent.create(claim, earlier -> sameSecret(request.tenantId(), earlier, secretId),
      () -> verified(request).compose(lastTest ->
        store.createIntegration(new IdempotentCreate(newIntegration(request, id, lastTest), key))));
  }

  private boolean sameSecret(String tenantId, IdempotencyRecord earlier, SecretValue secretId) {
    SecretValue earlierSecret = keyring.open(EncryptionContext.idempotencySecretId(tenantId, earlier.requestId()),
      earlier.secretIdCiphertext());
    return MessageDigest.isEqual(earlierSecret.utf8(), secretId.utf8());
  }

  /** The test's outcome when {@code verify} was asked for (a failure stops the create), else null. */
  private Future<LastTest> verified(CreateRequest request) {
    if (!request.verify()) {
      return Future.succeededFuture();
    }
    IntegrationDraft draft = request.draft();
    return connectionTest.run(new VaultTarget(draft.settings(), draft.secretId()), null).map(result -> {
      if (!result.ok()) {
        throw DomainException.testFailed(result.error());
      }
      return lastTest(result);
    });
  }

  private NewIntegration newIntegration(CreateRequest request, UUID id, LastTest lastTest) {
    IntegrationDraft draft = request.draft();
    byte[] sealed = keyring.seal(EncryptionContext.integrationSecretId(request.tenantId(), id), draft.secretId());
    return new NewIntegration(id, request.tenantId(), draft.name(), draft.settings(), sealed, lastTest);
  }

  public Future<Integration> get(IntegrationRef ref) {
    return store.getIntegration(ref);
  }

  public Future<IntegrationQuery.Page> list(IntegrationQuery query) {
    return store.listIntegrations(query);
  }

  /** Applies a merge patch; a new secret_id (a rotation) is sealed under the keyring's current primary key. */
  public Future<Integration> update(UpdateRequest request) {
    long started = System.nanoTime();
    IntegrationRef ref = request.ref();
    return valid(VaultSettingsRules.issues(request.patch())).compose(ok -> {
        byte[] sealed = request.secretId() == null ? null
          : keyring.seal(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()), request.secretId());
        return store.updateIntegration(new IntegrationChanges(ref, request.condition(), request.patch(), sealed));
      })
      .andThen(outcome -> audit.record(AuditEntry.of(ref.tenantId(), request.actor(), "integration.update")
        .integration(ref.id()).detail("secretIdChanged=" + (request.secretId() != null)), started, outcome));
  }

  /** Removes the integration and with it the encrypted secret_id, unless credentials still use it. */
  public Future<Void> delete(IntegrationRef ref, VersionCondition condition, Actor actor) {
    long started = System.nanoTime();
    return store.deleteIntegration(new IntegrationDeletion(ref, condition))
      .andThen(outcome -> audit.record(AuditEntry.of(ref.tenantId(), actor, "integration.delete")
        .integration(ref.id()), started, outcome));
  }

  /**
   * Tests a stored integration (reading {@code path} too, when given) through its session's owner, so that the
   * test takes its turn among the integration's logins, and keeps the outcome as its lastTest before answering (a
   * read right after the answer sees it); if keeping it fails, the client still gets the outcome.
   */
  public Future<ConnectionTestResult> test(IntegrationRef ref, String path, Actor actor) {
    long started = System.nanoTime();
    AuditEntry entry = AuditEntry.of(ref.tenantId(), actor, "integration.test").integration(ref.id())
      .vaultPath(path);
    return store.getSealedIntegration(ref)
      .compose(sealed -> sessions.test(sealed.access(), path, actor))
      .compose(result -> store.recordTest(new LastTestUpdate(ref, lastTest(result)))
        .onFailure(failure -> LOG.warn("could not keep the outcome of a connection test: {}", failure.getMessage()))
        .transform(ignored -> Future.succeededFuture(result)))
      .andThen(outcome -> audit.record(entry, started, outcome.succeeded() && !outcome.result().ok()
        ? outcome.result().error().code().name() : AuditLog.outcomeOf(outcome)));
  }

  /** Tests an integration before it is registered; nothing is stored. */
  public Future<ConnectionTestResult> testUnsaved(IntegrationDraft draft, String path) {
    return valid(VaultSettingsRules.issues(draft.settings()))
      .compose(ok -> connectionTest.run(new VaultTarget(draft.settings(), draft.secretId()), path));
  }

  private static LastTest lastTest(ConnectionTestResult result) {
    // to the millisecond, as the result's JSON and the database's other timestamps
    return new LastTest(result.ok(), result.error() == null ? null : result.error().code().name(),
      result.checkedAt().truncatedTo(ChronoUnit.MILLIS));
  }

  private static Future<Void> valid(List<FieldIssue> issues) {
    return issues.isEmpty() ? Future.succeededFuture() : Future.failedFuture(DomainException.invalid(issues));
  }
}
