package io.scrapengine.vaultgateway.audit;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.model.AuditEvent;
import io.scrapengine.vaultgateway.model.AuditQuery;
import io.scrapengine.vaultgateway.model.Ids;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The audit trail: every resolve, test, create, update and delete, with its outcome (OK or the error's code) and
 * how long it took. A resolve is answered only once its event is stored, as Vault refuses what it cannot audit;
 * a change is recorded without holding its answer back, since it stands either way (a failed write is logged).
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final StoreClient store;
  private final Clock clock;

  private AuditLog(StoreClient store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public static AuditLog create(StoreClient store, Clock clock) {
    return new AuditLog(store, clock);
  }

  /** The outcome, once the event recording it is stored; if it cannot be stored, a 503 instead of the outcome. */
  public <T> Future<T> storedBeforeAnswering(AuditEntry entry, long startedNanos, AsyncResult<T> outcome) {
    return store.appendAuditEvent(event(entry, startedNanos, outcomeOf(outcome)))
      .transform(written -> !written.succeeded() ? Future.failedFuture(written.cause())
        : outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause()));
  }

  /** Records the outcome without waiting for it to be stored. */
  public void record(AuditEntry entry, long startedNanos, AsyncResult<?> outcome) {
    record(entry, startedNanos, outcomeOf(outcome));
  }

  /** Records an outcome known by other means (a connection test answers 200 whether it passed or not). */
  public void record(AuditEntry entry, long startedNanos, String outcome) {
    store.appendAuditEvent(event(entry, startedNanos, outcome))
      .onFailure(failure -> LOG.error("could not audit {} by {} in tenant {}: {}", entry.action(),
        entry.actor().subject(), entry.tenantId(), failure.getMessage()));
  }

  public Future<AuditQuery.Page> list(AuditQuery query) {
    return store.listAuditEvents(query);
  }

  private AuditEvent event(AuditEntry entry, long startedNanos, String outcome) {
    return new AuditEvent(Ids.next(), clock.instant(), entry.tenantId(), entry.actor().subject(), entry.action(),
      entry.integrationId(), entry.credentialId(), entry.vaultPath(), outcome, entry.detail(),
      entry.actor().requestId(), (System.nanoTime() - startedNanos) / 1_000_000);
  }

  /** OK, the Vault's error code, or the domain's. */
  public static String outcomeOf(AsyncResult<?> outcome) {
    if (outcome.succeeded()) {
      return AuditEvent.OK;
    }
    if (outcome.cause() instanceof DomainException failure) {
      return failure.vaultProblem() != null ? failure.vaultProblem().code().name() : failure.code().name();
    }
    return ErrorCode.INTERNAL_ERROR.name();
  }
}
