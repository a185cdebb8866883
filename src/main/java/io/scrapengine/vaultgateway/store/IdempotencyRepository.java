package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.BusMessage;
import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.IdempotencyClaim;
import io.scrapengine.vaultgateway.model.IdempotencyRelease;
import io.scrapengine.vaultgateway.model.IdempotencyRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Idempotency-Key records in PostgreSQL, so that every instance sees the same keys. A claim is atomic on the
 * primary key: exactly one request owns a key, the others find its record. The create that owns a key completes
 * it in the create's own statement ({@link IntegrationRepository}).
 */
final class IdempotencyRepository {

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
      secret_id_ciphertext = EXCLUDED.secret_id_ciphertext, state = 'pending', created_integration = NULL,
      created_credential = NULL,
      response_status = NULL, response_body = NULL, response_location = NULL, response_etag = NULL,
      created_at = now(), expires_at = EXCLUDED.expires_at
    WHERE k.expires_at < now() OR (k.state = 'pending' AND k.created_at < now() - interval '%s')
    RETURNING request_id""".formatted(RETENTION, ABANDONED_AFTER);
  // What the key created expands into its table's columns; they are all null while the key is pending (or when
  // the key created something else: then the fingerprints differ anyway).
  private static final String FIND = """
    SELECT k.request_id AS claimed_by, k.fingerprint, k.secret_id_ciphertext AS claimed_secret_id, k.state, %s
    FROM idempotency_keys k, jsonb_populate_record(NULL::%s, CASE WHEN k.state = 'done' THEN %s END) AS created
    WHERE k.tenant_id = $1 AND k.idempotency_key = $2""";
  private static final String FIND_INTEGRATION = FIND.formatted(
    IntegrationRows.COLUMNS.replaceAll("(\\w+)", "created.$1"), "vault_integrations",
    "COALESCE(k.created_integration, legacy_created_integration(k.response_body, k.tenant_id))");
  private static final String FIND_CREDENTIAL = FIND.formatted(
    CredentialRows.COLUMNS.replaceAll("(\\w+)", "created.$1"), "credentials", "k.created_credential");
  private static final String RELEASE = "DELETE FROM idempotency_keys"
    + " WHERE tenant_id = $1 AND idempotency_key = $2 AND request_id = $3 AND state = 'pending'";
  private static final String PURGE = "DELETE FROM idempotency_keys WHERE expires_at < now()";

  private final Pool pool;

  IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  Future<IdempotencyRecord> claim(IdempotencyClaim claim) {
    return tryClaim(claim)
      .compose(claimed -> claimed ? Future.succeededFuture(IdempotencyRecord.claimedBy(claim.requestId()))
        : findOrClaim(claim))
      .recover(failure -> SqlFailures.failed("claim idempotency key", failure));
  }

  private Future<IdempotencyRecord> findOrClaim(IdempotencyClaim claim) {
    return pool.preparedQuery(find(claim)).execute(Tuple.of(claim.key().tenantId(), claim.key().key()))
      .compose(rows -> {
        if (rows.size() == 1) {
          return Future.succeededFuture(toRecord(rows.iterator().next(), claim.creates()));
        }
        // its owner released it between our two statements: one more claim decides
        return tryClaim(claim).map(again -> {
          if (!again) {
            throw DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Subject.IDEMPOTENCY_KEY);
          }
          return IdempotencyRecord.claimedBy(claim.requestId());
        });
      });
  }

  private Future<Boolean> tryClaim(IdempotencyClaim claim) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(claim.key().tenantId(), claim.key().key(),
        claim.requestId(), Buffer.buffer(claim.fingerprint()),
        claim.secretIdCiphertext() == null ? null : Buffer.buffer(claim.secretIdCiphertext())))
      .map(rows -> rows.size() == 1);
  }

  private static String find(IdempotencyClaim claim) {
    return claim.creates() == IdempotencyClaim.Creates.INTEGRATION ? FIND_INTEGRATION : FIND_CREDENTIAL;
  }

  Future<Void> release(IdempotencyRelease release) {
    return pool.preparedQuery(RELEASE)
      .execute(Tuple.of(release.key().tenantId(), release.key().key(), release.requestId()))
      .<Void>mapEmpty()
      .recover(failure -> SqlFailures.failed("release idempotency key", failure));
  }

  Future<Integer> purgeExpired() {
    return pool.query(PURGE).execute().map(rows -> rows.rowCount());
  }

  private static IdempotencyRecord toRecord(Row row, IdempotencyClaim.Creates creates) {
    boolean done = "done".equals(row.getString("state")) && row.getUUID("id") != null;
    BusMessage created = !done ? null : creates == IdempotencyClaim.Creates.INTEGRATION
      ? IntegrationRows.toIntegration(row) : CredentialRows.toCredential(row);
    Buffer secret = row.getBuffer("claimed_secret_id");
    return new IdempotencyRecord(false, row.getUUID("claimed_by"), row.getBuffer("fingerprint").getBytes(),
      secret == null ? null : secret.getBytes(), created);
  }
}
