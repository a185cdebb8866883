package io.scrapengine.vaultgateway.credentials;

import io.scrapengine.vaultgateway.audit.AuditEntry;
import io.scrapengine.vaultgateway.audit.AuditLog;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.scrapengine.vaultgateway.idempotency.Created;
import io.scrapengine.vaultgateway.idempotency.IdempotentCreates;
import io.scrapengine.vaultgateway.model.Actor;
import io.scrapengine.vaultgateway.model.Credential;
import io.scrapengine.vaultgateway.model.CredentialChanges;
import io.scrapengine.vaultgateway.model.CredentialDeletion;
import io.scrapengine.vaultgateway.model.CredentialFields;
import io.scrapengine.vaultgateway.model.CredentialPatch;
import io.scrapengine.vaultgateway.model.CredentialQuery;
import io.scrapengine.vaultgateway.model.CredentialRef;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyKeyRef;
import io.scrapengine.vaultgateway.model.IdempotentCredentialCreate;
import io.scrapengine.vaultgateway.model.Ids;
import io.scrapengine.vaultgateway.model.NewCredential;
import io.scrapengine.vaultgateway.model.ResolveTarget;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.scrapengine.vaultgateway.vault.session.SecretFound;
import io.scrapengine.vaultgateway.vault.session.SecretLocation;
import io.scrapengine.vaultgateway.vault.session.VaultSessions;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Credentials (an integration, a logical Vault path, a field mapping) and their resolution: the task runner's
 * {@code authenticate} action asks for a credential, and the secret is read from the customer's Vault through the
 * integration's session, mapped, audited and handed over, never kept.
 */
public final class CredentialService {

  private final StoreClient store;
  private final VaultSessions sessions;
  private final IdempotentCreates idempotent;
  private final AuditLog audit;
  private final Clock clock;

  private CredentialService(StoreClient store, VaultSessions sessions, AuditLog audit, Clock clock) {
    this.store = store;
    this.sessions = sessions;
    this.idempotent = IdempotentCreates.create(store);
    this.audit = audit;
    this.clock = clock;
  }

  public static CredentialService create(StoreClient store, VaultSessions sessions, AuditLog audit, Clock clock) {
    return new CredentialService(store, sessions, audit, clock);
  }

  /** Registers a credential; the integration must be the tenant's. */
  public Future<Created<Credential>> create(CredentialCreateRequest request) {
    long started = System.nanoTime();
    CredentialDraft draft = request.draft();
    UUID id = Ids.next();
    return valid(CredentialRules.issues(draft)).compose(ok -> {
        NewCredential credential = new NewCredential(id, request.tenantId(), draft.name(), draft.integrationId(),
          CredentialRules.logicalPath(draft.path()), draft.fields() == null ? CredentialFields.DEFAULT : draft.fields(),
          draft.kvVersion(), draft.secretVersion());
        if (request.idempotencyKey() == null) {
          return store.createCredential(credential).map(created -> new Created<>(created, false));
        }
        IdempotencyKeyRef key = new IdempotencyKeyRef(request.tenantId(), request.idempotencyKey().value());
        IdempotencyClaim claim = new IdempotencyClaim(key, IdempotencyClaim.Creates.CREDENTIAL, id,
          request.idempotencyKey().fingerprint(), null);
        return idempotent.create(claim, earlier -> true,
          () -> store.createCredential(new IdempotentCredentialCreate(credential, key)));
      })
      .andThen(outcome -> audit.record(AuditEntry.of(request.tenantId(), request.actor(), "credential.create")
        .credential(outcome.succeeded() ? outcome.result().value().id() : null)
        .integration(draft.integrationId())
        .detail(outcome.succeeded() && outcome.result().replayed() ? "replayed" : null), started, outcome));
  }

  public Future<Credential> get(CredentialRef ref) {
    return store.getCredential(ref);
  }

  public Future<CredentialQuery.Page> list(CredentialQuery query) {
    return store.listCredentials(query);
  }

  public Future<Credential> update(CredentialUpdateRequest request) {
    long started = System.nanoTime();
    CredentialPatch patch = request.patch();
    List<FieldIssue> issues = new ArrayList<>();
    CredentialRules.pathIssue(patch.path()).ifPresent(issues::add);
    issues.addAll(CredentialRules.fieldIssues(patch.fields()));
    CredentialRules.pinIssue(patch.kvVersion().value(), patch.secretVersion().value()).ifPresent(issues::add);
    CredentialPatch logical = patch.path() == null ? patch : new CredentialPatch(patch.name(), patch.integrationId(),
      CredentialRules.logicalPath(patch.path()), patch.fields(), patch.kvVersion(), patch.secretVersion());
    return valid(issues)
      .compose(ok -> store.updateCredential(new CredentialChanges(request.ref(), request.condition(), logical)))
      .andThen(outcome -> audit.record(AuditEntry.of(request.ref().tenantId(), request.actor(), "credential.update")
        .credential(request.ref().id()), started, outcome));
  }

  public Future<Void> delete(CredentialRef ref, VersionCondition condition, Actor actor) {
    long started = System.nanoTime();
    return store.deleteCredential(new CredentialDeletion(ref, condition))
      .andThen(outcome -> audit.record(AuditEntry.of(ref.tenantId(), actor, "credential.delete").credential(ref.id()),
        started, outcome));
  }

  /**
   * Reads the credential's secret from the customer's Vault and maps it. The answer waits until the resolve is
   * audited; if it cannot be audited, no value is handed out.
   */
  public Future<Resolution> resolve(CredentialRef ref, Actor actor) {
    long started = System.nanoTime();
    AuditEntry entry = AuditEntry.of(ref.tenantId(), actor, "credential.resolve").credential(ref.id());
    return store.getResolveTarget(ref).transform(found -> {
      if (found.failed()) {
        return audit.storedBeforeAnswering(entry, started, Future.<Resolution>failedFuture(found.cause()));
      }
      ResolveTarget target = found.result();
      Credential credential = target.credential();
      return sessions.read(target.access(), new SecretLocation(credential.path(), credential.kvVersion(),
          credential.secretVersion()), actor)
        .map(secret -> resolution(credential, secret))
        .transform(outcome -> audit.storedBeforeAnswering(entry.integration(credential.integrationId())
          .vaultPath(credential.path()), started, outcome));
    });
  }

  private Resolution resolution(Credential credential, SecretFound secret) {
    Map<String, String> values = new LinkedHashMap<>();
    List<FieldIssue> missing = new ArrayList<>();
    String firstMissing = null;
    for (Map.Entry<String, String> field : credential.fields().entrySet()) {
      if (secret.data().has(field.getValue())) {
        values.put(field.getKey(), secret.data().text(field.getValue()));
      } else {
        firstMissing = firstMissing == null ? field.getValue() : firstMissing;
        missing.add(new FieldIssue("fields." + field.getKey(), "maps to the key '" + field.getValue()
          + "', which the secret at " + credential.path() + " does not have"));
      }
    }
    if (!missing.isEmpty()) {
      throw DomainException.secretFieldMissing(firstMissing, missing);
    }
    return new Resolution(credential.id(), values, new Resolution.Source(credential.integrationId(), secret.mount(),
      credential.path(), secret.kvVersion(), secret.secretVersion()), clock.instant());
  }

  private static Future<Void> valid(List<FieldIssue> issues) {
    return issues.isEmpty() ? Future.succeededFuture() : Future.failedFuture(DomainException.invalid(issues));
  }
}
