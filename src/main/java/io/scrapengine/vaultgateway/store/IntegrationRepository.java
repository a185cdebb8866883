package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.FailureKind;
import io.scrapengine.vaultgateway.bus.ServiceException;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.SealedIntegration;
import io.scrapengine.vaultgateway.model.TestRecord;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The SQL for vault integrations, in one place. Every statement is scoped to the caller's tenant. */
public final class IntegrationRepository {

  private static final String NAME_CONSTRAINT = "vault_integrations_tenant_name_key";
  private static final String COLUMNS = "id, tenant_id, name, type, address, namespace, auth_method, role_id,"
    + " auth_mount, ca_certificate, tls_server_name, last_test_ok, last_test_code, last_test_checked_at,"
    + " created_at, updated_at, version";
  private static final String INSERT = """
    INSERT INTO vault_integrations
      (id, tenant_id, name, type, address, namespace, auth_method, role_id, secret_id_ciphertext,
       auth_mount, ca_certificate, tls_server_name, last_test_ok, last_test_code, last_test_checked_at,
       created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
            date_trunc('milliseconds', now()), date_trunc('milliseconds', now()))
    RETURNING""" + " " + COLUMNS;
  private static final String SELECT_SEALED =
    "SELECT " + COLUMNS + ", secret_id_ciphertext FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  private static final String RECORD_TEST = "UPDATE vault_integrations"
    + " SET last_test_ok = $3, last_test_code = $4, last_test_checked_at = $5"
    + " WHERE id = $1 AND tenant_id = $2 AND (last_test_checked_at IS NULL OR last_test_checked_at <= $5)";
  private static final String SELECT_ONE =
    "SELECT " + COLUMNS + " FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  private static final String SELECT_FIRST_PAGE = "SELECT " + COLUMNS
    + " FROM vault_integrations WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
  private static final String SELECT_NEXT_PAGE = "SELECT " + COLUMNS
    + " FROM vault_integrations WHERE tenant_id = $1 AND (created_at, id) < ($2, $3)"
    + " ORDER BY created_at DESC, id DESC LIMIT $4";
  private static final String SELECT_BY_NAME = "SELECT " + COLUMNS
    + " FROM vault_integrations WHERE tenant_id = $1 AND name = $2 AND ($3::timestamptz IS NULL"
    + " OR (created_at, id) < ($3, $4)) ORDER BY created_at DESC, id DESC LIMIT $5";
  // One statement for every patch shape, so it is prepared once: flags say which fields change. updated_at
  // moves forward even within one millisecond, so that it advances on every change.
  private static final String UPDATE = """
    UPDATE vault_integrations SET
      name = COALESCE($4, name),
      address = COALESCE($5, address),
      namespace = CASE WHEN $6 THEN $7 ELSE namespace END,
      role_id = COALESCE($8, role_id),
      secret_id_ciphertext = COALESCE($9, secret_id_ciphertext),
      auth_mount = COALESCE($11, auth_mount),
      ca_certificate = CASE WHEN $12 THEN $13 ELSE ca_certificate END,
      tls_server_name = CASE WHEN $14 THEN $15 ELSE tls_server_name END,
      updated_at = CASE WHEN $10 THEN greatest(date_trunc('milliseconds', now()), updated_at + interval '1 ms')
                        ELSE updated_at END,
      version = CASE WHEN $10 THEN version + 1 ELSE version END
    WHERE id = $1 AND tenant_id = $2 AND ($3::bigint[] IS NULL OR version = ANY($3))
    RETURNING""" + " " + COLUMNS;
  private static final String EXISTS = "SELECT 1 FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  private static final String DELETE = "DELETE FROM vault_integrations"
    + " WHERE id = $1 AND tenant_id = $2 AND ($3::bigint[] IS NULL OR version = ANY($3)) RETURNING id";

  private final Pool pool;

  public IntegrationRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Integration> insert(NewIntegration integration) {
    VaultSettings vault = integration.vault();
    LastTest lastTest = integration.lastTest();
    Tuple parameters = Tuple.tuple()
      .addValue(integration.id())
      .addValue(integration.tenantId())
      .addValue(integration.name())
      .addValue(integration.type())
      .addValue(vault.address())
      .addValue(vault.namespace())
      .addValue(integration.authMethod())
      .addValue(vault.roleId())
      .addValue(Buffer.buffer(integration.secretIdCiphertext()))
      .addValue(vault.authMount())
      .addValue(vault.caCertificate())
      .addValue(vault.tlsServerName())
      .addValue(lastTest == null ? null : lastTest.ok())
      .addValue(lastTest == null ? null : lastTest.code())
      .addValue(lastTest == null ? null : lastTest.checkedAt().atOffset(ZoneOffset.UTC));
    return pool.preparedQuery(INSERT).execute(parameters)
      .map(rows -> toIntegration(rows.iterator().next()))
      .recover(failure -> Future.failedFuture(nameConflictOr(failure, integration.name(), "insert integration")));
  }

  public Future<Integration> get(IntegrationRef ref) {
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> Future.failedFuture(SqlFailures.classify("get integration", failure)))
      .map(rows -> {
        if (rows.size() == 0) {
          throw notFound();
        }
        return toIntegration(rows.iterator().next());
      });
  }

  /** The integration with its secret_id ciphertext, for logging in to its Vault. */
  public Future<SealedIntegration> getSealed(IntegrationRef ref) {
    return pool.preparedQuery(SELECT_SEALED).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> Future.failedFuture(SqlFailures.classify("get sealed integration", failure)))
      .map(rows -> {
        if (rows.size() == 0) {
          throw notFound();
        }
        Row row = rows.iterator().next();
        return new SealedIntegration(toIntegration(row), row.getBuffer("secret_id_ciphertext").getBytes());
      });
  }

  /**
   * Keeps a test outcome as the integration's lastTest. It changes no setting, so neither version nor updatedAt
   * move; an older outcome never overwrites a newer one.
   */
  public Future<Void> recordTest(TestRecord record) {
    LastTest test = record.lastTest();
    return pool.preparedQuery(RECORD_TEST).execute(Tuple.of(record.ref().id(), record.ref().tenantId(), test.ok(),
        test.code(), test.checkedAt().atOffset(ZoneOffset.UTC)))
      .<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(SqlFailures.classify("record test", failure)));
  }

  public Future<IntegrationQuery.Page> list(IntegrationQuery query) {
    int fetch = query.limit() + 1;
    Future<RowSet<Row>> rows;
    if (query.name() != null) {
      rows = pool.preparedQuery(SELECT_BY_NAME).execute(Tuple.of(query.tenantId(), query.name(),
        query.after() == null ? null : query.after().createdAt().atOffset(ZoneOffset.UTC),
        query.after() == null ? null : query.after().id(), fetch));
    } else if (query.after() == null) {
      rows = pool.preparedQuery(SELECT_FIRST_PAGE).execute(Tuple.of(query.tenantId(), fetch));
    } else {
      rows = pool.preparedQuery(SELECT_NEXT_PAGE).execute(Tuple.of(query.tenantId(),
        query.after().createdAt().atOffset(ZoneOffset.UTC), query.after().id(), fetch));
    }
    return rows
      .recover(failure -> Future.failedFuture(SqlFailures.classify("list integrations", failure)))
      .map(result -> {
        List<Integration> items = new ArrayList<>(fetch);
        result.forEach(row -> items.add(toIntegration(row)));
        boolean hasMore = items.size() > query.limit();
        return new IntegrationQuery.Page(hasMore ? items.subList(0, query.limit()) : items, hasMore);
      });
  }

  public Future<Integration> update(IntegrationChanges changes) {
    Tuple parameters = Tuple.tuple()
      .addValue(changes.ref().id())
      .addValue(changes.ref().tenantId())
      .addValue(changes.condition().versionsOrNull())
      .addValue(changes.name())
      .addValue(changes.address())
      .addValue(changes.namespace().changed())
      .addValue(changes.namespace().value())
      .addValue(changes.roleId())
      .addValue(changes.secretIdCiphertext() == null ? null : Buffer.buffer(changes.secretIdCiphertext()))
      .addValue(changes.changesAnything())
      .addValue(changes.authMount())
      .addValue(changes.caCertificate().changed())
      .addValue(changes.caCertificate().value())
      .addValue(changes.tlsServerName().changed())
      .addValue(changes.tlsServerName().value());
    return pool.preparedQuery(UPDATE).execute(parameters)
      .recover(failure -> Future.failedFuture(nameConflictOr(failure, changes.name(), "update integration")))
      .compose(rows -> rows.size() == 1
        ? Future.succeededFuture(toIntegration(rows.iterator().next()))
        : whyNothingMatched(changes.ref(), changes.condition()));
  }

  public Future<Void> delete(IntegrationDeletion deletion) {
    return pool.preparedQuery(DELETE)
      .execute(Tuple.of(deletion.ref().id(), deletion.ref().tenantId(), deletion.condition().versionsOrNull()))
      .recover(failure -> Future.failedFuture(SqlFailures.classify("delete integration", failure)))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture()
        : whyNothingMatched(deletion.ref(), deletion.condition()));
  }

  public Future<Void> ping() {
    return pool.query("SELECT 1").execute()
      .<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(SqlFailures.classify("ping", failure)));
  }

  /** A conditional statement matched no row: the row is not there (404) or its version moved on (412). */
  private <T> Future<T> whyNothingMatched(IntegrationRef ref, VersionCondition condition) {
    if (condition.any()) {
      return Future.failedFuture(notFound());
    }
    return pool.preparedQuery(EXISTS).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> Future.failedFuture(SqlFailures.classify("check integration", failure)))
      .compose(rows -> Future.failedFuture(rows.size() == 0 ? notFound()
        : new ServiceException(FailureKind.PRECONDITION_FAILED,
            "The integration has changed since the ETag in If-Match.")));
  }

  private Throwable nameConflictOr(Throwable failure, String name, String operation) {
    return SqlFailures.isUniqueViolation(failure, NAME_CONSTRAINT)
      ? new ServiceException(FailureKind.CONFLICT, "A Vault integration named '" + name + "' already exists.")
      : SqlFailures.classify(operation, failure);
  }

  static ServiceException notFound() {
    return new ServiceException(FailureKind.NOT_FOUND, "No Vault integration with this id.");
  }

  private static Integration toIntegration(Row row) {
    VaultSettings vault = new VaultSettings(row.getString("address"), row.getString("namespace"),
      row.getString("auth_mount"), row.getString("role_id"), row.getString("ca_certificate"),
      row.getString("tls_server_name"));
    OffsetDateTime testedAt = row.getOffsetDateTime("last_test_checked_at");
    LastTest lastTest = testedAt == null ? null
      : new LastTest(row.getBoolean("last_test_ok"), row.getString("last_test_code"), testedAt.toInstant());
    return new Integration(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"),
      row.getString("type"), row.getString("auth_method"), vault, lastTest,
      row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
      row.getLong("version"));
  }
}
