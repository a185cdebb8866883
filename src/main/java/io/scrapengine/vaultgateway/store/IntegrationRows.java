package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.IntegrationAccess;
import io.scrapengine.vaultgateway.model.LoginRefusal;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** The columns of {@code vault_integrations} that make an {@link Integration}, and the mapping from a row. */
final class IntegrationRows {

  /** Every column but the secret_id ciphertext, in the order {@link #toIntegration} reads them. */
  static final String COLUMNS = "id, tenant_id, name, address, namespace, role_id, auth_mount, ca_certificate,"
    + " tls_server_name, last_test_ok, last_test_code, last_test_checked_at, created_at, updated_at, version";

  /** The columns {@link #toAccess} reads besides {@link #COLUMNS}. */
  static final String ACCESS_COLUMNS = "secret_id_ciphertext, refused_version, refused_until, last_refused_login_at";

  private IntegrationRows() {
  }

  /** What logging in to the integration's Vault takes, from a row with {@link #COLUMNS} and ACCESS_COLUMNS. */
  static IntegrationAccess toAccess(Row row, Integration integration) {
    Long refusedVersion = row.getLong("refused_version");
    OffsetDateTime until = row.getOffsetDateTime("refused_until");
    OffsetDateTime lastRefused = row.getOffsetDateTime("last_refused_login_at");
    LoginRefusal refusal = refusedVersion == null && lastRefused == null ? LoginRefusal.NONE
      : new LoginRefusal(refusedVersion == null ? 0 : refusedVersion, until == null ? null : until.toInstant(),
        lastRefused == null ? null : lastRefused.toInstant());
    return new IntegrationAccess(integration.id(), integration.tenantId(), integration.version(), integration.vault(),
      row.getBuffer("secret_id_ciphertext").getBytes(), refusal);
  }

  static Integration toIntegration(Row row) {
    return toIntegration(row, "");
  }

  /** From a row whose integration columns carry {@code prefix} (as in a join that renamed them). */
  static Integration toIntegration(Row row, String prefix) {
    VaultSettings vault = new VaultSettings(row.getString(prefix + "address"), row.getString(prefix + "namespace"),
      row.getString(prefix + "auth_mount"), row.getString(prefix + "role_id"),
      row.getString(prefix + "ca_certificate"), row.getString(prefix + "tls_server_name"));
    OffsetDateTime testedAt = row.getOffsetDateTime(prefix + "last_test_checked_at");
    LastTest lastTest = testedAt == null ? null : new LastTest(row.getBoolean(prefix + "last_test_ok"),
      row.getString(prefix + "last_test_code"), testedAt.toInstant());
    return new Integration(row.getUUID(prefix + "id"), row.getString(prefix + "tenant_id"),
      row.getString(prefix + "name"), vault, lastTest, row.getOffsetDateTime(prefix + "created_at").toInstant(),
      row.getOffsetDateTime(prefix + "updated_at").toInstant(), row.getLong(prefix + "version"));
  }
}
