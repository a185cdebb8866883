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
import io.scrapengine.vaultgateway.model.SecretIdInput;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.ConnectionTest;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult;
import io.scrapengine.vaultgateway.vault.SecretIdUnwrapper;
import io.scrapengine.vaultgateway.vault.SecretPathRule;
import io.scrapengine.vaultgateway.vault.VaultSettingsRules;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.time.Instant;
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
  private final SecretIdUnwrapper unwrapper;

  private IntegrationService(StoreClient store, Keyring keyring, ConnectionTest connectionTest,
                             SecretIdUnwrapper unwrapper) {
    this.store = store;
    this.keyring = keyring;
    this.connectionTest = connectionTest;
    this.unwrapper = unwrapper;
  }

  public static IntegrationService create(StoreClient store, Keyring keyring, ConnectionTest connectionTest,
                                          SecretIdUnwrapper unwrapper) {
    return new IntegrationService(store, keyring, connectionTest, unwrapper);
  }

  /**
   * Registers an integration. With {@code verify} the connection test runs first and a failure stops the save.
   * With an Idempotency-Key the key is claimed first (in PostgreSQL, so across instances): only its owner creates,
   * and completes the key in the same statement; a repeat of the same request gets the integration it created,
   * a different request with the key is refused.
   *
   * <p>A wrapped secret_id is unwrapped only after everything else is checked (and the key claimed), because
   * unwrapping spends the customer's single-use token. With an Idempotency-Key the claim keeps the wrap token
   * (encrypted, under a purpose of its own): a retry with the same token replays the original answer without
   * calling the Vault (the token is spent by then); another token or a plain secretId with that key is refused.
   */
  public Future<Created> create(CreateRequest request) {
    return valid(VaultSettingsRules.issues(request.draft().settings()))
      .compose(ok -> request.idempotencyKey() == null ? createOnce(request) : createClaiming(request));
  }

  private Future<Created> createOnce(CreateRequest request) {
    UUID id = IDS.generate();
    IntegrationDraft draft = request.draft();
    return secretId(draft.settings(), draft.secretId())
      .compose(secretId -> verified(request, secretId)
        .compose(lastTest -> store.createIntegration(newIntegration(request, id, secretId, lastTest))))
      .map(integration -> new Created(integration, false));
  }

  private Future<Created> createClaiming(CreateRequest request) {
    UUID id = IDS.generate();
    IdempotencyKeyRef key = new IdempotencyKeyRef(request.tenantId(), request.idempotencyKey().value());
    byte[] secretForClaim = keyring.seal(claimContext(request, id), claimed(request.draft().secretId()));
    return store.claimIdempotencyKey(new IdempotencyClaim(key, id, request.idempotencyKey().fingerprint(),
        secretForClaim))
      .compose(record -> record.claimed() ? createClaimed(request, id, key) : replayOrRefuse(request, record));
  }

  private Future<Created> createClaimed(CreateRequest request, UUID id, IdempotencyKeyRef key) {
    IntegrationDraft draft = request.draft();
    return secretId(draft.settings(), draft.secretId())
      .compose(secretId -> verified(request, secretId).compose(lastTest -> store.createIntegration(
        new IdempotentCreate(newIntegration(request, id, secretId, lastTest), key))))
      .map(integration -> new Created(integration, false))
      .recover(failure -> store.releaseIdempotencyKey(new IdempotencyRelease(key, id))
        .transform(ignored -> Future.failedFuture(failure)));
  }

  private Future<Created> replayOrRefuse(CreateRequest request, IdempotencyRecord earlier) {
    if (!MessageDigest.isEqual(earlier.fingerprint(), request.idempotencyKey().fingerprint())) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Subject.IDEMPOTENCY_KEY));
    }
    SecretValue earlierSecret;
    try {
      earlierSecret = keyring.open(claimContext(request, earlier.requestId()), earlier.secretIdCiphertext());
    } catch (DomainException e) {
      if (!e.is(ErrorCode.UNDECRYPTABLE)) {
        throw e;
      }
      // the earlier request carried the other kind (a secretId where this one has a wrap token, or the reverse)
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Subject.IDEMPOTENCY_KEY));
    }
    if (!MessageDigest.isEqual(earlierSecret.utf8(), claimed(request.draft().secretId()).utf8())) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Subject.IDEMPOTENCY_KEY));
    }
    if (!earlier.done()) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Subject.IDEMPOTENCY_KEY));
    }
    return Future.succeededFuture(new Created(earlier.created(), true));
  }

  /** The test's outcome when {@code verify} was asked for (a failure stops the create), else null. */
  private Future<LastTest> verified(CreateRequest request, SecretValue secretId) {
    if (!request.verify()) {
      return Future.succeededFuture();
    }
    return connectionTest.run(new VaultTarget(request.draft().settings(), secretId), null).map(result -> {
      if (!result.ok()) {
        throw DomainException.testFailed(result.error());
      }
      return lastTest(result);
    });
  }

  private NewIntegration newIntegration(CreateRequest request, UUID id, SecretValue secretId, LastTest lastTest) {
    IntegrationDraft draft = request.draft();
    byte[] sealed = keyring.seal(EncryptionContext.integrationSecretId(request.tenantId(), id), secretId);
    return new NewIntegration(id, request.tenantId(), draft.name(), draft.settings(), sealed, lastTest);
  }

  public Future<Integration> get(IntegrationRef ref) {
    return store.getIntegration(ref);
  }

  public Future<IntegrationQuery.Page> list(IntegrationQuery query) {
    return store.listIntegrations(query);
  }

  /**
   * Applies a merge patch; a new secret_id (a rotation) is sealed under the keyring's current primary key. A wrapped
   * one is unwrapped on the Vault the patched integration points at, after the If-Match condition is checked, so
   * a stale patch does not spend the token.
   */
  public Future<Integration> update(UpdateRequest request) {
    IntegrationRef ref = request.ref();
    return valid(VaultSettingsRules.issues(request.patch()))
      .compose(ok -> newSecretId(request))
      .compose(secretId -> {
        byte[] sealed = secretId == null ? null
          : keyring.seal(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()), secretId);
        return store.updateIntegration(new IntegrationChanges(ref, request.condition(), request.patch(), sealed));
      });
  }

  private Future<SecretValue> newSecretId(UpdateRequest request) {
    if (!(request.secretId() instanceof SecretIdInput.Wrapped)) {
      return secretId(null, request.secretId());
    }
    return store.getIntegration(request.ref()).compose(current -> {
      if (!request.condition().admits(current.version())) {
        return Future.failedFuture(DomainException.of(ErrorCode.PRECONDITION_FAILED, Subject.VAULT_INTEGRATION));
      }
      return secretId(request.patch().applyTo(current.vault()), request.secretId());
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
        keyring.openStored(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()),
          sealed.secretIdCiphertext())), path))
      .onSuccess(result -> store.recordTest(new LastTestUpdate(ref, lastTest(result)))
        .onFailure(failure -> LOG.warn("could not keep the outcome of a connection test: {}",
          failure.getMessage())));
  }

  /**
   * Tests an integration before it is registered; nothing is stored. A wrapped secret_id is unwrapped for the test
   * (which spends the token); a token the Vault refuses is the test's failure.
   */
  public Future<ConnectionTestResult> testUnsaved(IntegrationDraft draft, String path) {
    Instant started = Instant.now();
    long startedNanos = System.nanoTime();
    return valid(VaultSettingsRules.issues(draft.settings()))
      // the test checks the path too, but only after the token would be spent
      .compose(ok -> path == null ? Future.succeededFuture() : valid(SecretPathRule.violation(path)
        .map(reason -> List.of(new FieldIssue("path", reason))).orElse(List.of())))
      .compose(ok -> secretId(draft.settings(), draft.secretId())
        .compose(secretId -> connectionTest.run(new VaultTarget(draft.settings(), secretId), path),
          failure -> failure instanceof DomainException refused && refused.subject() == Subject.WRAP_TOKEN
            ? Future.succeededFuture(ConnectionTestResult.failed(started,
              (System.nanoTime() - startedNanos) / 1_000_000, refused.vaultProblem()))
            : Future.failedFuture(failure)));
  }

  /** The secret_id itself, unwrapping it first when it came wrapped; null stays null. */
  private Future<SecretValue> secretId(VaultSettings settings, SecretIdInput input) {
    if (input == null) {
      return Future.succeededFuture();
    }
    if (input instanceof SecretIdInput.Wrapped wrapped) {
      return unwrapper.unwrap(settings, wrapped.wrapToken());
    }
    return Future.succeededFuture(((SecretIdInput.Given) input).secretId());
  }

  /** What an Idempotency-Key claim keeps of the request's secret: the secret_id, or the wrap token. */
  private static SecretValue claimed(SecretIdInput input) {
    return input instanceof SecretIdInput.Wrapped wrapped ? wrapped.wrapToken()
      : ((SecretIdInput.Given) input).secretId();
  }

  private static EncryptionContext claimContext(CreateRequest request, UUID requestId) {
    return request.draft().secretId() instanceof SecretIdInput.Wrapped
      ? EncryptionContext.idempotencyWrapToken(request.tenantId(), requestId)
      : EncryptionContext.idempotencySecretId(request.tenantId(), requestId);
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
