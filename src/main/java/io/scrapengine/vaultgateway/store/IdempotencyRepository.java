package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.FailureKind;
import io.scrapengine.vaultgateway.bus.ServiceException;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyOutcome;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Idempotency-Key records in PostgreSQL, so that every instance sees the same keys. A claim is atomic on the
 * primary key: exactly one request owns a key, the others find its record.
 */
public final class IdempotencyRepository {

  /** How long a key is remembered. */
  static final String RETENTION = "24 hours";
  /** How long a pending claim may stay unfinished before another request may take it over (its owner died). */
  static final String ABANDONED_AFTER = "60 seconds";

  private static final String CLAIM = """
    INSERT INTO idempotency_keys AS k
      (tenant_id, idempotency_key, request_id, fingerprint, secret_id_ciphertext, state, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, 'pending', now(), now() + interval '%s')
    ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET
      request_id = EXCLUDED.request_id, fingerprint = EXCLUDED.fingerprint,
      secret_id_ciphertext = EXCLUDED.secret_id_ciphertext, state = 'pending', response_status = NULL,
      response_body = NULL, response_location = NULL, response_etag = NULL, created_at = now(),
      expires_at = EXCLUDED.expires_at
    WHERE k.expires_at < now() OR (k.state = 'pending' AND k.created_at < now() - interval '%s')
    RETURNING request_id""".formatted(RETENTION, ABANDONED_AFTER);
  private static final String FIND = """
    SELECT request_id, fingerprint, secret_id_ciphertext, state, response_status, response_body,
           response_location, response_etag
    FROM idempotency_keys WHERE tenant_id = $1 AND idempotency_key = $2""";
  private static final String COMPLETE = """
    UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4,
      response_location = $5, response_etag = $6
    WHERE tenant_id = $1 AND idempotency_key = $2 AND state = 'pending'""";
  private static final String RELEASE =
    "DELETE FROM idempotency_keys WHERE tenant_id = $1 AND idempotency_key = $2 AND state = 'pending'";
  private static final String PURGE = "DELETE FROM idempotency_keys WHERE expires_at < now()";

  private final Pool pool;

  public IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<IdempotencyRecord> claim(IdempotencyClaim claim) {
    return tryClaim(claim)
      .compose(claimed -> claimed ? Future.succeededFuture(IdempotencyRecord.claimedBy(claim.requestId()))
        : pool.preparedQuery(FIND).execute(Tuple.of(claim.tenantId(), claim.key())).compose(rows -> {
          if (rows.size() == 1) {
            return Future.succeededFuture(toRecord(rows.iterator().next()));
          }
          // its owner released it between our two statements: one more claim decides
          return tryClaim(claim).map(again -> {
            if (!again) {
              throw new ServiceException(FailureKind.IDEMPOTENCY_KEY_IN_USE, IdempotencyRecord.IN_USE);
            }
            return IdempotencyRecord.claimedBy(claim.requestId());
          });
        }))
      .recover(failure -> Future.failedFuture(SqlFailures.classify("claim idempotency key", failure)));
  }

  private Future<Boolean> tryClaim(IdempotencyClaim claim) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(claim.tenantId(), claim.key(), claim.requestId(),
        Buffer.buffer(claim.fingerprint()), Buffer.buffer(claim.secretIdCiphertext())))
      .map(rows -> rows.size() == 1);
  }

  public Future<Void> settle(IdempotencyOutcome outcome) {
    Future<?> done = outcome.releases()
      ? pool.preparedQuery(RELEASE).execute(Tuple.of(outcome.tenantId(), outcome.key()))
      : pool.preparedQuery(COMPLETE).execute(Tuple.of(outcome.tenantId(), outcome.key(), outcome.status(),
          outcome.body(), outcome.location(), outcome.etag()));
    return done.<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(SqlFailures.classify("settle idempotency key", failure)));
  }

  public Future<Integer> purgeExpired() {
    return pool.query(PURGE).execute().map(rows -> rows.rowCount());
  }

  private static IdempotencyRecord toRecord(Row row) {
    Integer status = row.getInteger("response_status");
    return new IdempotencyRecord(false, row.getUUID("request_id"), row.getBuffer("fingerprint").getBytes(),
      row.getBuffer("secret_id_ciphertext").getBytes(), "done".equals(row.getString("state")),
      status == null ? 0 : status, row.getString("response_body"), row.getString("response_location"),
      row.getString("response_etag"));
  }
}
