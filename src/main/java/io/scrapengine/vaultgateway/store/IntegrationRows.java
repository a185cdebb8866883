package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** The columns of {@code vault_integrations} that make an {@link Integration}, and the mapping from a row. */
final class IntegrationRows {

  /** Every column but the secret_id ciphertext, in the order {@link #toIntegration} reads them. */
  static final String COLUMNS = "id, tenant_id, name, address, namespace, role_id, auth_mount, ca_certificate,"
    + " tls_server_name, last_test_ok, last_test_code, last_test_checked_at, created_at, updated_at, version";

  private IntegrationRows() {
  }

  static Integration toIntegration(Row row) {
    VaultSettings vault = new VaultSettings(row.getString("address"), row.getString("namespace"),
      row.getString("auth_mount"), row.getString("role_id"), row.getString("ca_certificate"),
      row.getString("tls_server_name"));
    OffsetDateTime testedAt = row.getOffsetDateTime("last_test_checked_at");
    LastTest lastTest = testedAt == null ? null
      : new LastTest(row.getBoolean("last_test_ok"), row.getString("last_test_code"), testedAt.toInstant());
    return new Integration(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"), vault, lastTest,
      row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
      row.getLong("version"));
  }
}
