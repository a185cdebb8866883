package io.scrapengine.vaultgateway.integrations;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyKeyRef;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.scrapengine.vaultgateway.model.IdempotencyRelease;
import io.scrapengine.vaultgateway.model.IdempotentCreate;
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
 * before the insert.
 */
public final class IntegrationService {

  private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);
  private static final NoArgGenerator IDS = Generators.timeBasedEpochGenerator();

  private final StoreClient store;
  private final Keyring keyring;
  private final ConnectionTest connectionTest;

  private IntegrationService(StoreClient store, Keyring keyring, ConnectionTest connectionTest) {
    this.store = store;
    this.keyring = keyring;
    this.connectionTest = connectionTest;
  }

  public static IntegrationService create(StoreClient store, Keyring keyring, ConnectionTest connectionTest) {
    return new IntegrationService(store, keyring, connectionTest);
  }

  /**
   * Registers an integration. With {@code verify} the connection test runs first and a failure stops the save.
   * With an Idempotency-Key the key is claimed first (in PostgreSQL, so across instances): only its owner creates,
   * and completes the key in the same statement; a repeat of the same request gets the integration it created,
   * a different request with the key is refused.
   */
  public Future<Created> create(CreateRequest request) {
    return valid(VaultSettingsRules.issues(request.draft().settings()))
      .compose(ok -> request.idempotencyKey() == null ? createOnce(request) : createClaiming(request));
  }

  private Future<Created> createOnce(CreateRequest request) {
    UUID id = IDS.generate();
    return verified(request).compose(lastTest -> store.createIntegration(newIntegration(request, id, lastTest)))
      .map(integration -> new Created(integration, false));
  }

  private Future<Created> createClaiming(CreateRequest request) {
    UUID id = IDS.generate();
    IdempotencyKeyRef key = new IdempotencyKeyRef(request.tenantId(), request.idempotencyKey().value());
    byte[] secretForClaim = keyring.seal(EncryptionContext.idempotencySecretId(request.tenantId(), id),
      request.draft().secretId());
    return store.claimIdempotencyKey(new IdempotencyClaim(key, id, request.idempotencyKey().fingerprint(),
        secretForClaim))
      .compose(record -> record.claimed() ? createClaimed(request, id, key) : replayOrRefuse(request, record));
  }

  private Future<Created> createClaimed(CreateRequest request, UUID id, IdempotencyKeyRef key) {
    return verified(request)
      .compose(lastTest -> store.createIntegration(new IdempotentCreate(newIntegration(request, id, lastTest), key)))
      .map(integration -> new Created(integration, false))
      .recover(failure -> store.releaseIdempotencyKey(new IdempotencyRelease(key, id))
        .transform(ignored -> Future.failedFuture(failure)));
  }

  private Future<Created> replayOrRefuse(CreateRequest request, IdempotencyRecord earlier) {
    if (!MessageDigest.isEqual(earlier.fingerprint(), request.idempotencyKey().fingerprint())) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Subject.IDEMPOTENCY_KEY));
    }
    SecretValue earlierSecret = keyring.open(
      EncryptionContext.idempotencySecretId(request.tenantId(), earlier.requestId()), earlier.secretIdCiphertext());
    if (!MessageDigest.isEqual(earlierSecret.utf8(), request.draft().secretId().utf8())) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Subject.IDEMPOTENCY_KEY));
    }
    if (!earlier.done()) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Subject.IDEMPOTENCY_KEY));
    }
    return Future.succeededFuture(new Created(earlier.created(), true));
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
    IntegrationRef ref = request.ref();
    return valid(VaultSettingsRules.issues(request.patch())).compose(ok -> {
      byte[] sealed = request.secretId() == null ? null
        : keyring.seal(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()), request.secretId());
      return store.updateIntegration(new IntegrationChanges(ref, request.condition(), request.patch(), sealed));
    });
  }

  /** Removes the integration and with it the encrypted secret_id. */
  public Future<Void> delete(IntegrationRef ref, VersionCondition condition) {
    return store.deleteIntegration(new IntegrationDeletion(ref, condition));
  }

  /**
   * Tests a stored integration (reading {@code path} too, when given) and keeps the outcome as its lastTest. The
   * answer does not wait for that write: the outcome is the client's either way.
   */
  public Future<ConnectionTestResult> test(IntegrationRef ref, String path) {
    return store.getSealedIntegration(ref)
      .compose(sealed -> connectionTest.run(new VaultTarget(sealed.integration().vault(),
        keyring.open(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()), sealed.secretIdCiphertext())),
        path))
      .onSuccess(result -> store.recordTest(new LastTestUpdate(ref, lastTest(result)))
        .onFailure(failure -> LOG.warn("could not keep the outcome of a connection test: {}",
          failure.getMessage())));
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
