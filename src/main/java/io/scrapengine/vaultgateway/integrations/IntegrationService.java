package io.scrapengine.vaultgateway.integrations;

import io.scrapengine.vaultgateway.audit.AuditEntry;
import io.scrapengine.vaultgateway.audit.AuditLog;
import io.scrapengine.vaultgateway.crypto.EncryptionContext;
import io.scrapengine.vaultgateway.crypto.Keyring;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.domain.Subject;
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
import io.scrapengine.vaultgateway.vault.session.VaultSessions;
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
  private final SecretIdUnwrapper unwrapper;

  private IntegrationService(StoreClient store, Keyring keyring, ConnectionTest connectionTest,
                             VaultSessions sessions, AuditLog audit, SecretIdUnwrapper unwrapper) {
    this.store = store;
    this.keyring = keyring;
    this.connectionTest = connectionTest;
    this.sessions = sessions;
    this.idempotent = IdempotentCreates.create(store);
    this.audit = audit;
    this.unwrapper = unwrapper;
  }

  /**
   * @param connectionTest runs tests of integrations not saved yet
   * @param sessions       runs tests of saved ones, among their logins
   * @param unwrapper      turns a response-wrapped secret_id into the secret_id
   */
  public static IntegrationService create(StoreClient store, Keyring keyring, ConnectionTest connectionTest,
                                          VaultSessions sessions, AuditLog audit, SecretIdUnwrapper unwrapper) {
    return new IntegrationService(store, keyring, connectionTest, sessions, audit, unwrapper);
  }

  /**
   * Registers an integration. With {@code verify} the connection test runs first and a failure stops the save.
   * With an Idempotency-Key, a repeat of the same request gets the integration the first created.
   *
   * <p>A wrapped secret_id is unwrapped only after everything else is checked (and the key claimed), because
   * unwrapping spends the customer's single-use token. With an Idempotency-Key the claim keeps the wrap token
   * (encrypted, under a purpose of its own): a retry with the same token replays the original answer without
   * calling the Vault (the token is spent by then); another token or a plain secretId with that key is refused.
   */
  public Future<Created<Integration>> create(CreateRequest request) {
    long started = System.nanoTime();
    UUID id = Ids.next();
    return valid(VaultSettingsRules.issues(request.draft().settings()))
      .compose(ok -> request.idempotencyKey() == null
        ? secretId(request.draft().settings(), request.draft().secretId())
          .compose(secretId -> verified(request, secretId)
            .compose(lastTest -> store.createIntegration(newIntegration(request, id, secretId, lastTest))))
          .map(integration -> new Created<>(integration, false))
        : createClaiming(request, id))
      .andThen(outcome -> audit.record(AuditEntry.of(request.tenantId(), request.actor(), "integration.create")
        .integration(outcome.succeeded() ? outcome.result().value().id() : null)
        .detail(outcome.succeeded() && outcome.result().replayed() ? "replayed" : null), started, outcome));
  }

  private Future<Created<Integration>> createClaiming(CreateRequest request, UUID id) {
    IdempotencyKeyRef key = new IdempotencyKeyRef(request.tenantId(), request.idempotencyKey().value());
    IntegrationDraft draft = request.draft();
    byte[] secretForClaim = keyring.seal(claimContext(request, id), claimed(draft.secretId()));
    IdempotencyClaim claim = new IdempotencyClaim(key, IdempotencyClaim.Creates.INTEGRATION, id,
      request.idempotencyKey().fingerprint(), secretForClaim);
    return idempotent.create(claim, earlier -> sameSecret(request, earlier),
      () -> secretId(draft.settings(), draft.secretId()).compose(secretId -> verified(request, secretId)
        .compose(lastTest -> store.createIntegration(new IdempotentCreate(newIntegration(request, id, secretId,
          lastTest), key)))));
  }

  private boolean sameSecret(CreateRequest request, IdempotencyRecord earlier) {
    SecretValue earlierSecret;
    try {
      earlierSecret = keyring.open(claimContext(request, earlier.requestId()), earlier.secretIdCiphertext());
    } catch (DomainException e) {
      if (!e.is(ErrorCode.UNDECRYPTABLE)) {
        throw e;
      }
      // the earlier request carried the other kind (a secretId where this one has a wrap token, or the reverse)
      return false;
    }
    return MessageDigest.isEqual(earlierSecret.utf8(), claimed(request.draft().secretId()).utf8());
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
    long started = System.nanoTime();
    IntegrationRef ref = request.ref();
    return valid(VaultSettingsRules.issues(request.patch()))
      .compose(ok -> newSecretId(request))
      .compose(secretId -> {
        byte[] sealed = secretId == null ? null
          : keyring.seal(EncryptionContext.integrationSecretId(ref.tenantId(), ref.id()), secretId);
        return store.updateIntegration(new IntegrationChanges(ref, request.condition(), request.patch(), sealed));
      })
      .andThen(outcome -> audit.record(AuditEntry.of(ref.tenantId(), request.actor(), "integration.update")
        .integration(ref.id()).detail("secretIdChanged=" + (request.secretId() != null)), started, outcome));
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
