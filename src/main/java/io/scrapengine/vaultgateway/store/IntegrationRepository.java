package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.IdempotentCreate;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationChanges;
import io.scrapengine.vaultgateway.model.IntegrationDeletion;
import io.scrapengine.vaultgateway.model.IntegrationQuery;
import io.scrapengine.vaultgateway.model.IntegrationRef;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.LastTestUpdate;
import io.scrapengine.vaultgateway.model.LoginRefused;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.scrapengine.vaultgateway.model.SealedIntegration;
import io.scrapengine.vaultgateway.model.SettingsPatch;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.scrapengine.vaultgateway.store.IntegrationRows.COLUMNS;
import static io.scrapengine.vaultgateway.store.IntegrationRows.toIntegration;

/** The SQL for vault integrations, in one place. Every statement is scoped to the caller's tenant. */
final class IntegrationRepository {

  private static final String NAME_CONSTRAINT = "vault_integrations_tenant_name_key";
  private static final String INSERT_COLUMNS = "id, tenant_id, name, type, address, namespace, auth_method,"
    + " role_id, secret_id_ciphertext, auth_mount, ca_certificate, tls_server_name, last_test_ok, last_test_code,"
    + " last_test_checked_at, created_at, updated_at";
  private static final String INSERT_VALUES = "$1, $2, $3, '" + Integration.TYPE + "', $4, $5, '"
    + Integration.AUTH_METHOD + "', $6, $7, $8, $9, $10, $11, $12, $13,"
    + " date_trunc('milliseconds', now()), date_trunc('milliseconds', now())";
  private static final String INSERT = "INSERT INTO vault_integrations (" + INSERT_COLUMNS + ") VALUES ("
    + INSERT_VALUES + ") RETURNING " + COLUMNS;
  /**
   * The insert of a create that claimed an Idempotency-Key ($14), in one statement with the key's completion: the
   * row is inserted only while this request ($1) still owns the key, and the key records the created integration
   * (as {@code jsonb_populate_record} reads it back) in the same transaction. The record is built from the same
   * parameters and the same now() as the row, so it is the row.
   */
  private static final String INSERT_COMPLETING_KEY = """
    WITH owned AS (
      UPDATE idempotency_keys SET state = 'done', created_integration = jsonb_build_object(
          'id', $1::uuid, 'tenant_id', $2::text, 'name', $3::text, 'type', '%s', 'address', $4::text,
          'namespace', $5::text, 'auth_method', '%s', 'role_id', $6::text, 'auth_mount', $8::text,
          'ca_certificate', $9::text, 'tls_server_name', $10::text, 'last_test_ok', $11::boolean,
          'last_test_code', $12::text, 'last_test_checked_at', $13::timestamptz,
          'created_at', date_trunc('milliseconds', now()), 'updated_at', date_trunc('milliseconds', now()),
          'version', 1)
      WHERE tenant_id = $2 AND idempotency_key = $14 AND request_id = $1 AND state = 'pending'
      RETURNING 1
    )
    INSERT INTO vault_integrations (%s) SELECT %s WHERE EXISTS (SELECT 1 FROM owned)
    RETURNING %s""".formatted(Integration.TYPE, Integration.AUTH_METHOD, INSERT_COLUMNS, INSERT_VALUES, COLUMNS);
  private static final String SELECT_SEALED = "SELECT " + COLUMNS + ", " + IntegrationRows.ACCESS_COLUMNS
    + " FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  /** Sessions on every instance drop what they hold for an integration that changed or went away. */
  static final String CHANGES_CHANNEL = "vault_gateway_integrations";
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
  // moves forward even within one millisecond, so that it advances on every change. The change is announced to
  // every instance when it commits.
  private static final String UPDATE = """
    WITH updated AS (UPDATE vault_integrations SET
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
    RETURNING %s)
    SELECT updated.*, pg_notify('%s', updated.id::text) FROM updated""".formatted(COLUMNS, CHANGES_CHANNEL);
  private static final String EXISTS = "SELECT 1 FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  private static final String DELETE = """
    WITH deleted AS (DELETE FROM vault_integrations
      WHERE id = $1 AND tenant_id = $2 AND ($3::bigint[] IS NULL OR version = ANY($3))
        AND NOT EXISTS (SELECT 1 FROM credentials WHERE integration_id = $1)
      RETURNING id)
    SELECT deleted.id, pg_notify('%s', deleted.id::text) FROM deleted""".formatted(CHANGES_CHANNEL);
  /** Why a delete matched nothing: the row's version (null when absent) and how many credentials use it. */
  private static final String DELETE_BLOCKERS = "SELECT (SELECT version FROM vault_integrations"
    + " WHERE id = $1 AND tenant_id = $2) AS version, (SELECT count(*) FROM credentials WHERE integration_id = $1)"
    + " AS credentials";
  private static final String RECORD_REFUSAL = "UPDATE vault_integrations"
    + " SET refused_version = $3, refused_until = $4, last_refused_login_at = now()"
    + " WHERE id = $1 AND tenant_id = $2";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Pool pool;

  IntegrationRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Integration> insert(NewIntegration integration) {
    return pool.preparedQuery(INSERT).execute(insertParameters(integration))
      .recover(failure -> Future.failedFuture(nameConflictOr(failure, integration.name(), "insert integration")))
      .map(rows -> toIntegration(rows.iterator().next()));
  }

  /** Fails with {@link ErrorCode#IDEMPOTENCY_KEY_IN_USE} when the key's claim is no longer this request's. */
  Future<Integration> insertCompletingKey(IdempotentCreate create) {
    NewIntegration integration = create.integration();
    return pool.preparedQuery(INSERT_COMPLETING_KEY)
      .execute(insertParameters(integration).addValue(create.key().key()))
      .recover(failure -> Future.failedFuture(nameConflictOr(failure, integration.name(), "insert integration")))
      .map(rows -> {
        if (rows.size() == 0) {
          throw DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Subject.IDEMPOTENCY_KEY);
        }
        return toIntegration(rows.iterator().next());
      });
  }

  private static Tuple insertParameters(NewIntegration integration) {
    VaultSettings vault = integration.vault();
    LastTest lastTest = integration.lastTest();
    return Tuple.tuple()
      .addValue(integration.id())
      .addValue(integration.tenantId())
      .addValue(integration.name())
      .addValue(vault.address())
      .addValue(vault.namespace())
      .addValue(vault.roleId())
      .addValue(Buffer.buffer(integration.secretIdCiphertext()))
      .addValue(vault.authMount())
      .addValue(vault.caCertificate())
      .addValue(vault.tlsServerName())
      .addValue(lastTest == null ? null : lastTest.ok())
      .addValue(lastTest == null ? null : lastTest.code())
      .addValue(lastTest == null ? null : lastTest.checkedAt().atOffset(ZoneOffset.UTC));
  }

  Future<Integration> get(IntegrationRef ref) {
    return SqlFailures.idempotent(() -> pool.preparedQuery(SELECT_ONE).execute(Tuple.of(ref.id(), ref.tenantId())))
      .recover(failure -> SqlFailures.failed("get integration", failure))
      .map(rows -> toIntegration(single(rows)));
  }

  /** The integration with what logging in to its Vault takes. */
  Future<SealedIntegration> getSealed(IntegrationRef ref) {
    return SqlFailures.idempotent(() -> pool.preparedQuery(SELECT_SEALED).execute(Tuple.of(ref.id(), ref.tenantId())))
      .recover(failure -> SqlFailures.failed("get sealed integration", failure))
      .map(rows -> {
        Row row = single(rows);
        Integration integration = toIntegration(row);
        return new SealedIntegration(integration, IntegrationRows.toAccess(row, integration));
      });
  }

  /** Remembers that Vault refused this version's credentials, for every instance to see. */
  Future<Void> recordLoginRefusal(LoginRefused refusal) {
    return pool.preparedQuery(RECORD_REFUSAL).execute(Tuple.of(refusal.ref().id(), refusal.ref().tenantId(),
        refusal.version(), refusal.until().atOffset(ZoneOffset.UTC)))
      .<Void>mapEmpty()
      .recover(failure -> SqlFailures.failed("record login refusal", failure));
  }

  /**
   * Keeps a test outcome as the integration's lastTest. It changes no setting, so neither version nor updatedAt
   * move; an older outcome never overwrites a newer one.
   */
  Future<Void> recordTest(LastTestUpdate update) {
    LastTest test = update.lastTest();
    return pool.preparedQuery(RECORD_TEST).execute(Tuple.of(update.ref().id(), update.ref().tenantId(), test.ok(),
        test.code(), test.checkedAt().atOffset(ZoneOffset.UTC)))
      .<Void>mapEmpty()
      .recover(failure -> SqlFailures.failed("record test", failure));
  }

  Future<IntegrationQuery.Page> list(IntegrationQuery query) {
    int fetch = query.limit() + 1;
    Supplier<Future<RowSet<Row>>> rows;
    if (query.name() != null) {
      rows = () -> pool.preparedQuery(SELECT_BY_NAME).execute(Tuple.of(query.tenantId(), query.name(),
        query.after() == null ? null : query.after().createdAt().atOffset(ZoneOffset.UTC),
        query.after() == null ? null : query.after().id(), fetch));
    } else if (query.after() == null) {
      rows = () -> pool.preparedQuery(SELECT_FIRST_PAGE).execute(Tuple.of(query.tenantId(), fetch));
    } else {
      rows = () -> pool.preparedQuery(SELECT_NEXT_PAGE).execute(Tuple.of(query.tenantId(),
        query.after().createdAt().atOffset(ZoneOffset.UTC), query.after().id(), fetch));
    }
    return SqlFailures.idempotent(rows)
      .recover(failure -> SqlFailures.failed("list integrations", failure))
      .map(result -> {
        List<Integration> items = new ArrayList<>(fetch);
        result.forEach(row -> items.add(toIntegration(row)));
        boolean hasMore = items.size() > query.limit();
        return new IntegrationQuery.Page(hasMore ? items.subList(0, query.limit()) : items, hasMore);
      });
  }

  Future<Integration> update(IntegrationChanges changes) {
    SettingsPatch patch = changes.settings();
    Tuple parameters = Tuple.tuple()
      .addValue(changes.ref().id())
      .addValue(changes.ref().tenantId())
      .addValue(changes.condition().versionsOrNull())
      .addValue(patch.name())
      .addValue(patch.address())
      .addValue(patch.namespace().changed())
      .addValue(patch.namespace().value())
      .addValue(patch.roleId())
      .addValue(changes.secretIdCiphertext() == null ? null : Buffer.buffer(changes.secretIdCiphertext()))
      .addValue(changes.changesAnything())
      .addValue(patch.authMount())
      .addValue(patch.caCertificate().changed())
      .addValue(patch.caCertificate().value())
      .addValue(patch.tlsServerName().changed())
      .addValue(patch.tlsServerName().value());
    return pool.preparedQuery(UPDATE).execute(parameters)
      .recover(failure -> Future.failedFuture(nameConflictOr(failure, patch.name(), "update integration")))
      .compose(rows -> rows.size() == 1
        ? Future.succeededFuture(toIntegration(rows.iterator().next()))
        : whyNothingMatched(changes.ref(), changes.condition()));
  }

  /** Deletes the integration unless credentials still use it (then nothing is deleted). */
  Future<Void> delete(IntegrationDeletion deletion) {
    IntegrationRef ref = deletion.ref();
    return pool.preparedQuery(DELETE).execute(Tuple.of(ref.id(), ref.tenantId(), deletion.condition().versionsOrNull()))
      .map(rows -> rows.size() == 1)
      // a credential came in between the statement's check and its delete: the foreign key refused it
      .recover(failure -> failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
        ? Future.succeededFuture(false) : SqlFailures.failed("delete integration", failure))
      .compose(deleted -> deleted ? Future.succeededFuture() : whyNotDeleted(ref, deletion.condition()));
  }

  private Future<Void> whyNotDeleted(IntegrationRef ref, VersionCondition condition) {
    return pool.preparedQuery(DELETE_BLOCKERS).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> SqlFailures.failed("check integration", failure))
      .compose(rows -> {
        Row row = rows.iterator().next();
        Long version = row.getLong("version");
        long credentials = row.getLong("credentials");
        if (version == null) {
          return Future.failedFuture(notFound());
        }
        if (!condition.any() && !condition.versions().contains(version)) {
          return Future.failedFuture(DomainException.of(ErrorCode.PRECONDITION_FAILED, Subject.VAULT_INTEGRATION));
        }
        // no credential left by now means the last one went in between: the client may simply try again
        return Future.failedFuture(DomainException.inUse(Subject.VAULT_INTEGRATION, Subject.CREDENTIAL,
          Math.max(credentials, 1)));
      });
  }

  Future<Void> ping() {
    return SqlFailures.idempotent(() -> pool.query("SELECT 1").execute())
      .<Void>mapEmpty()
      .recover(failure -> SqlFailures.failed("ping", failure));
  }

  /** A conditional statement matched no row: the row is not there, or its version moved on. */
  private <T> Future<T> whyNothingMatched(IntegrationRef ref, VersionCondition condition) {
    if (condition.any()) {
      return Future.failedFuture(notFound());
    }
    return SqlFailures.idempotent(() -> pool.preparedQuery(EXISTS).execute(Tuple.of(ref.id(), ref.tenantId())))
      .recover(failure -> SqlFailures.failed("check integration", failure))
      .compose(rows -> Future.failedFuture(rows.size() == 0 ? notFound()
        : DomainException.of(ErrorCode.PRECONDITION_FAILED, Subject.VAULT_INTEGRATION)));
  }

  private static Throwable nameConflictOr(Throwable failure, String name, String operation) {
    return SqlFailures.isUniqueViolation(failure, NAME_CONSTRAINT)
      ? DomainException.nameTaken(Subject.VAULT_INTEGRATION, name)
      : SqlFailures.classify(operation, failure);
  }

  private static Row single(RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw notFound();
    }
    return rows.iterator().next();
  }

  private static DomainException notFound() {
    return DomainException.notFound(Subject.VAULT_INTEGRATION);
  }
}
