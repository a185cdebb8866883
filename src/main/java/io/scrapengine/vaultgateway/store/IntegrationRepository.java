package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.bus.FailureKind;
import io.scrapengine.vaultgateway.bus.ServiceException;
import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.NewIntegration;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;

/** The SQL for vault integrations, in one place. */
public final class IntegrationRepository {

  private static final String NAME_CONSTRAINT = "vault_integrations_tenant_name_key";
  private static final String INSERT = """
    INSERT INTO vault_integrations
      (id, tenant_id, name, type, address, namespace, auth_method, role_id, secret_id_ciphertext,
       created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
            date_trunc('milliseconds', now()), date_trunc('milliseconds', now()))
    RETURNING created_at, updated_at""";

  private final Pool pool;

  public IntegrationRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Integration> insert(NewIntegration integration) {
    Tuple parameters = Tuple.of(integration.id(), integration.tenantId(), integration.name(), integration.type(),
        integration.address(), integration.namespace(), integration.authMethod(), integration.roleId())
      .addValue(Buffer.buffer(integration.secretIdCiphertext()));
    return pool.preparedQuery(INSERT).execute(parameters)
      .map(rows -> toIntegration(integration, rows.iterator().next()))
      .recover(failure -> Future.failedFuture(SqlFailures.isUniqueViolation(failure, NAME_CONSTRAINT)
        ? new ServiceException(FailureKind.CONFLICT,
            "A Vault integration named '" + integration.name() + "' already exists.")
        : SqlFailures.classify("insert vault integration", failure)));
  }

  public Future<Void> ping() {
    return pool.query("SELECT 1").execute()
      .<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(SqlFailures.classify("ping", failure)));
  }

  private static Integration toIntegration(NewIntegration integration, Row row) {
    OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
    OffsetDateTime updatedAt = row.getOffsetDateTime("updated_at");
    return new Integration(integration.id(), integration.tenantId(), integration.name(), integration.type(),
      integration.address(), integration.namespace(), integration.authMethod(), integration.roleId(),
      createdAt.toInstant(), updatedAt.toInstant());
  }
}
