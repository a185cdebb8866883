package io.scrapengine.vaultgateway.idempotency;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyKeyRef;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.scrapengine.vaultgateway.model.IdempotencyRelease;
import io.scrapengine.vaultgateway.store.StoreClient;
import io.vertx.core.Future;

import java.security.MessageDigest;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Creates under an Idempotency-Key: the key is claimed first (in PostgreSQL, so across instances); only its owner
 * creates, completing the key in the statement that stores the object; a repeat of the same request gets what the
 * first created, a different request with the key is refused, and a request meeting an unfinished first one is
 * told to retry. A create that fails releases the key, so that a retry may create.
 */
public final class IdempotentCreates {

  private final StoreClient store;

  private IdempotentCreates(StoreClient store) {
    this.store = store;
  }

  public static IdempotentCreates create(StoreClient store) {
    return new IdempotentCreates(store);
  }

  /**
   * @param claim      the key, what it creates, this request's id and fingerprint (and sealed secret, if any)
   * @param sameSecret whether an earlier request's record carries this request's secret (always true when the
   *                   request has none)
   * @param create     the create, completing the key in its own statement; it may fail with
   *                   {@link ErrorCode#IDEMPOTENCY_KEY_IN_USE} when the claim was taken over meanwhile
   */
  public <T extends BusMessage> Future<Created<T>> create(IdempotencyClaim claim,
                                                         Predicate<IdempotencyRecord> sameSecret,
                                                         Supplier<Future<T>> create) {
    return store.claimIdempotencyKey(claim).compose(record -> record.claimed()
      ? created(claim.key(), claim.requestId(), create)
      : replayOrRefuse(claim, record, sameSecret));
  }

  private <T> Future<Created<T>> created(IdempotencyKeyRef key, UUID requestId, Supplier<Future<T>> create) {
    Future<T> attempt;
    try {
      attempt = create.get();
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.map(value -> new Created<>(value, false))
      .recover(failure -> store.releaseIdempotencyKey(new IdempotencyRelease(key, requestId))
        .transform(ignored -> Future.failedFuture(failure)));
  }

  @SuppressWarnings("unchecked")
  private <T> Future<Created<T>> replayOrRefuse(IdempotencyClaim claim, IdempotencyRecord earlier,
                                                Predicate<IdempotencyRecord> sameSecret) {
    if (!MessageDigest.isEqual(earlier.fingerprint(), claim.fingerprint()) || !sameSecret.test(earlier)) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, Subject.IDEMPOTENCY_KEY));
    }
    if (!earlier.done()) {
      return Future.failedFuture(DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Subject.IDEMPOTENCY_KEY));
    }
    return Future.succeededFuture(new Created<>((T) earlier.created(), true));
  }
}
