package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.Subject;
import io.scrapengine.vaultgateway.model.Credential;
import io.scrapengine.vaultgateway.model.CredentialChanges;
import io.scrapengine.vaultgateway.model.CredentialDeletion;
import io.scrapengine.vaultgateway.model.CredentialPatch;
import io.scrapengine.vaultgateway.model.CredentialQuery;
import io.scrapengine.vaultgateway.model.CredentialRef;
import io.scrapengine.vaultgateway.model.IdempotentCredentialCreate;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.NewCredential;
import io.scrapengine.vaultgateway.model.ResolveTarget;
import io.scrapengine.vaultgateway.model.VersionCondition;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.scrapengine.vaultgateway.store.CredentialRows.COLUMNS;
import static io.scrapengine.vaultgateway.store.CredentialRows.toCredential;

/**
 * The SQL for credentials. Every statement is scoped to the caller's tenant, and a credential can only point at an
 * integration of its own tenant (checked in the same statement that writes it).
 */
final class CredentialRepository {

  private static final String NAME_CONSTRAINT = "credentials_tenant_name_key";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String INTEGRATION_IN_TENANT =
    "EXISTS (SELECT 1 FROM vault_integrations WHERE id = $4 AND tenant_id = $2)";
  private static final String INSERT_VALUES = "$1, $2, $3, $4, $5, $6::json, $7, $8,"
    + " date_trunc('milliseconds', now()), date_trunc('milliseconds', now())";
  private static final String INSERT = "INSERT INTO credentials (" + COLUMNS.replace(", version", "") + ")"
    + " SELECT " + INSERT_VALUES + " WHERE " + INTEGRATION_IN_TENANT + " RETURNING " + COLUMNS;
  /** As IntegrationRepository's, the create that completes the Idempotency-Key ($9) it claimed, in one statement. */
  private static final String INSERT_COMPLETING_KEY = """
    WITH owned AS (
      UPDATE idempotency_keys SET state = 'done', created_credential = jsonb_build_object(
          'id', $1::uuid, 'tenant_id', $2::text, 'name', $3::text, 'integration_id', $4::uuid, 'path', $5::text,
          'fields', $6::json, 'kv_version', $7::smallint, 'secret_version', $8::integer,
          'created_at', date_trunc('milliseconds', now()), 'updated_at', date_trunc('milliseconds', now()),
          'version', 1)
      WHERE tenant_id = $2 AND idempotency_key = $9 AND request_id = $1 AND state = 'pending' AND %s
      RETURNING 1
    )
    INSERT INTO credentials (%s) SELECT %s WHERE EXISTS (SELECT 1 FROM owned)
    RETURNING %s""".formatted(INTEGRATION_IN_TENANT, COLUMNS.replace(", version", ""), INSERT_VALUES, COLUMNS);
  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM credentials WHERE id = $1 AND tenant_id = $2";
  private static final String SELECT_PAGE = "SELECT " + COLUMNS + " FROM credentials WHERE tenant_id = $1"
    + " AND ($2::uuid IS NULL OR integration_id = $2) AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))"
    + " ORDER BY created_at DESC, id DESC LIMIT $5";
  private static final String UPDATE = """
    UPDATE credentials SET
      name = COALESCE($4, name),
      integration_id = COALESCE($5, integration_id),
      path = COALESCE($6, path),
      fields = COALESCE($7::json, fields),
      kv_version = CASE WHEN $8 THEN $9 ELSE kv_version END,
      secret_version = CASE WHEN $10 THEN $11 ELSE secret_version END,
      updated_at = CASE WHEN $12 THEN greatest(date_trunc('milliseconds', now()), updated_at + interval '1 ms')
                        ELSE updated_at END,
      version = CASE WHEN $12 THEN version + 1 ELSE version END
    WHERE id = $1 AND tenant_id = $2 AND ($3::bigint[] IS NULL OR version = ANY($3))
      AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM vault_integrations WHERE id = $5 AND tenant_id = $2))
    RETURNING""" + " " + COLUMNS;
  private static final String EXISTS = "SELECT version FROM credentials WHERE id = $1 AND tenant_id = $2";
  private static final String INTEGRATION_EXISTS = "SELECT 1 FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  private static final String DELETE = "DELETE FROM credentials"
    + " WHERE id = $1 AND tenant_id = $2 AND ($3::bigint[] IS NULL OR version = ANY($3)) RETURNING id";
  /** A credential and the integration it reads through, for a resolve, in one round trip. */
  private static final String SELECT_RESOLVE_TARGET = "SELECT "
    + prefixed("c", COLUMNS) + ", " + renamed("i", IntegrationRows.COLUMNS) + ", i.secret_id_ciphertext,"
    + " i.refused_version, i.refused_until, i.last_refused_login_at"
    + " FROM credentials c JOIN vault_integrations i ON i.id = c.integration_id AND i.tenant_id = c.tenant_id"
    + " WHERE c.id = $1 AND c.tenant_id = $2";

  private final Pool pool;

  CredentialRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Credential> insert(NewCredential credential) {
    return pool.preparedQuery(INSERT).execute(insertParameters(credential))
      .recover(failure -> Future.failedFuture(conflictOr(failure, credential.name(), "insert credential")))
      .map(rows -> {
        if (rows.size() == 0) {
          throw DomainException.missingReference(Subject.VAULT_INTEGRATION, "integrationId");
        }
        return toCredential(rows.iterator().next());
      });
  }

  /**
   * Fails with {@link ErrorCode#IDEMPOTENCY_KEY_IN_USE} when the key's claim is no longer this request's, and with
   * a missing reference when the integration is not the tenant's (the claim then stays pending, to be released).
   */
  Future<Credential> insertCompletingKey(IdempotentCredentialCreate create) {
    NewCredential credential = create.credential();
    return pool.preparedQuery(INSERT_COMPLETING_KEY).execute(insertParameters(credential).addValue(create.key().key()))
      .recover(failure -> Future.failedFuture(conflictOr(failure, credential.name(), "insert credential")))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture(toCredential(rows.iterator().next()))
        : pool.preparedQuery(INTEGRATION_EXISTS).execute(Tuple.of(credential.integrationId(), credential.tenantId()))
          .recover(failure -> SqlFailures.failed("check integration", failure))
          .compose(found -> Future.failedFuture(found.size() == 0
            ? DomainException.missingReference(Subject.VAULT_INTEGRATION, "integrationId")
            : DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE, Subject.IDEMPOTENCY_KEY))));
  }

  private static Tuple insertParameters(NewCredential credential) {
    return Tuple.tuple()
      .addValue(credential.id())
      .addValue(credential.tenantId())
      .addValue(credential.name())
      .addValue(credential.integrationId())
      .addValue(credential.path())
      .addValue(CredentialRows.toJson(credential.fields()).encode())
      .addValue(credential.kvVersion() == null ? null : credential.kvVersion().shortValue())
      .addValue(credential.secretVersion());
  }

  Future<Credential> get(CredentialRef ref) {
    return pool.preparedQuery(SELECT_ONE).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> SqlFailures.failed("get credential", failure))
      .map(rows -> toCredential(single(rows)));
  }

  Future<ResolveTarget> resolveTarget(CredentialRef ref) {
    return pool.preparedQuery(SELECT_RESOLVE_TARGET).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> SqlFailures.failed("get credential to resolve", failure))
      .map(rows -> {
        Row row = single(rows);
        Integration integration = IntegrationRows.toIntegration(row, "i_");
        return new ResolveTarget(toCredential(row), IntegrationRows.toAccess(row, integration));
      });
  }

  Future<CredentialQuery.Page> list(CredentialQuery query) {
    int fetch = query.limit() + 1;
    return pool.preparedQuery(SELECT_PAGE).execute(Tuple.of(query.tenantId(), query.integrationId(),
        query.after() == null ? null : query.after().createdAt().atOffset(ZoneOffset.UTC),
        query.after() == null ? null : query.after().id(), fetch))
      .recover(failure -> SqlFailures.failed("list credentials", failure))
      .map(result -> {
        List<Credential> items = new ArrayList<>(fetch);
        result.forEach(row -> items.add(toCredential(row)));
        boolean hasMore = items.size() > query.limit();
        return new CredentialQuery.Page(hasMore ? items.subList(0, query.limit()) : items, hasMore);
      });
  }

  Future<Credential> update(CredentialChanges changes) {
    CredentialPatch patch = changes.patch();
    Tuple parameters = Tuple.tuple()
      .addValue(changes.ref().id())
      .addValue(changes.ref().tenantId())
      .addValue(changes.condition().versionsOrNull())
      .addValue(patch.name())
      .addValue(patch.integrationId())
      .addValue(patch.path())
      .addValue(patch.fields() == null ? null : CredentialRows.toJson(patch.fields()).encode())
      .addValue(patch.kvVersion().changed())
      .addValue(patch.kvVersion().value() == null ? null : patch.kvVersion().value().shortValue())
      .addValue(patch.secretVersion().changed())
      .addValue(patch.secretVersion().value())
      .addValue(!patch.isEmpty());
    return pool.preparedQuery(UPDATE).execute(parameters)
      .recover(failure -> Future.failedFuture(conflictOr(failure, patch.name(), "update credential")))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture(toCredential(rows.iterator().next()))
        : whyNothingMatched(changes.ref(), changes.condition(), patch));
  }

  Future<Void> delete(CredentialDeletion deletion) {
    return pool.preparedQuery(DELETE)
      .execute(Tuple.of(deletion.ref().id(), deletion.ref().tenantId(), deletion.condition().versionsOrNull()))
      .recover(failure -> SqlFailures.failed("delete credential", failure))
      .compose(rows -> rows.size() == 1 ? Future.succeededFuture()
        : whyNothingMatched(deletion.ref(), deletion.condition(), null));
  }

  /** A conditional statement matched no row: missing, changed since, or (a patch) naming a foreign integration. */
  private <T> Future<T> whyNothingMatched(CredentialRef ref, VersionCondition condition, CredentialPatch patch) {
    return pool.preparedQuery(EXISTS).execute(Tuple.of(ref.id(), ref.tenantId()))
      .recover(failure -> SqlFailures.failed("check credential", failure))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(notFound());
        }
        long version = rows.iterator().next().getLong("version");
        if (!condition.any() && !condition.versions().contains(version)) {
          return Future.failedFuture(DomainException.of(ErrorCode.PRECONDITION_FAILED, Subject.CREDENTIAL));
        }
        return Future.failedFuture(patch != null && patch.integrationId() != null
          ? DomainException.missingReference(Subject.VAULT_INTEGRATION, "integrationId")
          : notFound());
      });
  }

  private static Throwable conflictOr(Throwable failure, String name, String operation) {
    if (SqlFailures.isUniqueViolation(failure, NAME_CONSTRAINT)) {
      return DomainException.nameTaken(Subject.CREDENTIAL, name);
    }
    if (failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
      // the integration went away while this statement ran
      return DomainException.missingReference(Subject.VAULT_INTEGRATION, "integrationId");
    }
    return SqlFailures.classify(operation, failure);
  }

  private static Row single(RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw notFound();
    }
    return rows.iterator().next();
  }

  private static DomainException notFound() {
    return DomainException.notFound(Subject.CREDENTIAL);
  }

  private static String prefixed(String table, String columns) {
    return columns.replaceAll("(\\w+)", table + ".$1");
  }

  /** {@code i.id AS i_id, ...}: the integration's columns, named apart from the credential's. */
  private static String renamed(String table, String columns) {
    return columns.replaceAll("(\\w+)", table + ".$1 AS " + table + "_$1");
  }
}
