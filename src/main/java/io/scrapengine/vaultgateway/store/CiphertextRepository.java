package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.model.keys.CiphertextPage;
import io.scrapengine.vaultgateway.model.keys.CiphertextReplacements;
import io.scrapengine.vaultgateway.model.keys.CiphertextReplacements.Replacement;
import io.scrapengine.vaultgateway.model.keys.StoredCiphertext;
import io.scrapengine.vaultgateway.model.keys.StoredCiphertext.Kind;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The stored secrets as a re-encryption walks them: pages of ciphertexts not under the primary key, and
 * compare-and-set replacements that never overwrite a newer secret. A replacement changes neither an
 * integration's version nor its updatedAt: the secret is the same, only its encryption moved.
 */
final class CiphertextRepository {

  private static final String INTEGRATIONS_PAGE = """
    SELECT tenant_id, id, secret_id_ciphertext FROM vault_integrations
    WHERE secret_id_key_id IS DISTINCT FROM $1 AND ($2::uuid IS NULL OR id > $2)
    ORDER BY id LIMIT $3""";
  private static final String IDEMPOTENCY_PAGE = """
    SELECT tenant_id, idempotency_key, request_id, secret_id_ciphertext FROM idempotency_keys
    WHERE expires_at > now() AND secret_id_ciphertext IS NOT NULL AND secret_id_key_id IS DISTINCT FROM $1
      AND ($2::text IS NULL OR (tenant_id, idempotency_key) > ($2, $3))
    ORDER BY tenant_id, idempotency_key LIMIT $4""";
  private static final String REPLACE_INTEGRATIONS = """
    UPDATE vault_integrations AS v SET secret_id_ciphertext = r.replacement
    FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS r(id, current, replacement)
    WHERE v.id = r.id AND v.secret_id_ciphertext = r.current""";
  private static final String REPLACE_IDEMPOTENCY = """
    UPDATE idempotency_keys AS k SET secret_id_ciphertext = r.replacement
    FROM unnest($1::text[], $2::text[], $3::uuid[], $4::bytea[], $5::bytea[])
      AS r(tenant_id, idempotency_key, request_id, current, replacement)
    WHERE k.tenant_id = r.tenant_id AND k.idempotency_key = r.idempotency_key AND k.request_id = r.request_id
      AND k.secret_id_ciphertext = r.current""";

  private final Pool pool;

  CiphertextRepository(Pool pool) {
    this.pool = pool;
  }

  Future<CiphertextPage.Result> page(CiphertextPage page) {
    CiphertextPage.Position after = page.after();
    if (page.kind() == Kind.INTEGRATION_SECRET_ID) {
      return pool.preparedQuery(INTEGRATIONS_PAGE)
        .execute(Tuple.of(page.primaryKeyId(), after == null ? null : UUID.fromString(after.rowKey()), page.limit()))
        .map(rows -> {
          List<StoredCiphertext> found = new ArrayList<>();
          for (Row row : rows) {
            UUID id = row.getUUID("id");
            found.add(new StoredCiphertext(Kind.INTEGRATION_SECRET_ID, row.getString("tenant_id"), id.toString(), id,
              row.getBuffer("secret_id_ciphertext").getBytes()));
          }
          return new CiphertextPage.Result(found);
        })
        .recover(failure -> SqlFailures.failed("page integration ciphertexts", failure));
    }
    return pool.preparedQuery(IDEMPOTENCY_PAGE)
      .execute(Tuple.of(page.primaryKeyId(), after == null ? null : after.tenantId(),
        after == null ? null : after.rowKey(), page.limit()))
      .map(rows -> {
        List<StoredCiphertext> found = new ArrayList<>();
        for (Row row : rows) {
          found.add(new StoredCiphertext(Kind.IDEMPOTENCY_SECRET, row.getString("tenant_id"),
            row.getString("idempotency_key"), row.getUUID("request_id"),
            row.getBuffer("secret_id_ciphertext").getBytes()));
        }
        return new CiphertextPage.Result(found);
      })
      .recover(failure -> SqlFailures.failed("page idempotency ciphertexts", failure));
  }

  /** Stores the replacements of one kind whose rows still hold what was read; answers how many did. */
  Future<CiphertextReplacements.Outcome> replace(CiphertextReplacements batch) {
    List<Replacement> integrations = batch.replacements().stream()
      .filter(r -> r.current().kind() == Kind.INTEGRATION_SECRET_ID).toList();
    List<Replacement> idempotency = batch.replacements().stream()
      .filter(r -> r.current().kind() == Kind.IDEMPOTENCY_SECRET).toList();
    Future<Integer> first = integrations.isEmpty() ? Future.succeededFuture(0)
      : pool.preparedQuery(REPLACE_INTEGRATIONS).execute(Tuple.of(
          integrations.stream().map(r -> r.current().recordId()).toArray(UUID[]::new),
          buffers(integrations, true), buffers(integrations, false)))
        .map(rows -> rows.rowCount());
    return first
      .compose(replaced -> idempotency.isEmpty() ? Future.succeededFuture(replaced)
        : pool.preparedQuery(REPLACE_IDEMPOTENCY).execute(Tuple.of(
            idempotency.stream().map(r -> r.current().tenantId()).toArray(String[]::new),
            idempotency.stream().map(r -> r.current().rowKey()).toArray(String[]::new),
            idempotency.stream().map(r -> r.current().recordId()).toArray(UUID[]::new),
            buffers(idempotency, true), buffers(idempotency, false)))
          .map(rows -> replaced + rows.rowCount()))
      .map(CiphertextReplacements.Outcome::new)
      .recover(failure -> SqlFailures.failed("replace ciphertexts", failure));
  }

  private static Buffer[] buffers(List<Replacement> replacements, boolean current) {
    return replacements.stream()
      .map(r -> Buffer.buffer(current ? r.current().ciphertext() : r.replacement()))
      .toArray(Buffer[]::new);
  }
}
