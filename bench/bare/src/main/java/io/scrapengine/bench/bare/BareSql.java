package io.scrapengine.bench.bare;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The gateway's statements for create, get and first-page list, character for character as in
 * src/main/java/io/scrapengine/vaultgateway/store/IntegrationRepository.java (INSERT, SELECT_ONE,
 * SELECT_FIRST_PAGE), and the row rendered with the gateway's field names (api/IntegrationJson.java). When the
 * gateway's SQL changes, change it here too, or the comparison compares different work.
 */
final class BareSql {

  static final String COLUMNS = "id, tenant_id, name, type, address, namespace, auth_method, role_id,"
    + " auth_mount, ca_certificate, tls_server_name, last_test_ok, last_test_code, last_test_checked_at,"
    + " created_at, updated_at, version";
  static final String INSERT = """
    INSERT INTO vault_integrations
      (id, tenant_id, name, type, address, namespace, auth_method, role_id, secret_id_ciphertext,
       auth_mount, ca_certificate, tls_server_name, last_test_ok, last_test_code, last_test_checked_at,
       created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
            date_trunc('milliseconds', now()), date_trunc('milliseconds', now()))
    RETURNING""" + " " + COLUMNS;
  static final String SELECT_ONE =
    "SELECT " + COLUMNS + " FROM vault_integrations WHERE id = $1 AND tenant_id = $2";
  static final String SELECT_FIRST_PAGE = "SELECT " + COLUMNS
    + " FROM vault_integrations WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";

  /**
   * Stands in for the Tink ciphertext of a secret_id: 59 bytes, the size the gateway stores for the bench's
   * secret (5-byte key prefix, 12-byte nonce, 26-byte secret, 16-byte tag). Its content does not matter here.
   */
  static final byte[] CIPHERTEXT = new byte[59];

  static {
    for (int i = 0; i < CIPHERTEXT.length; i++) {
      CIPHERTEXT[i] = (byte) (i * 37 + 1);
    }
  }

  private BareSql() {
  }

  /** The row as the gateway renders an integration: the same fields, in the same order, timestamps in UTC. */
  static JsonObject json(Row row) {
    OffsetDateTime testedAt = row.getOffsetDateTime("last_test_checked_at");
    JsonObject lastTest = testedAt == null ? null : new JsonObject()
      .put("ok", row.getBoolean("last_test_ok"))
      .put("code", row.getString("last_test_code"))
      .put("checkedAt", instant(testedAt));
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("name", row.getString("name"))
      .put("type", row.getString("type"))
      .put("address", row.getString("address"))
      .put("namespace", row.getString("namespace"))
      .put("authMethod", row.getString("auth_method"))
      .put("roleId", row.getString("role_id"))
      .put("authMount", row.getString("auth_mount"))
      .put("caCertificate", row.getString("ca_certificate"))
      .put("tlsServerName", row.getString("tls_server_name"))
      .put("lastTest", lastTest)
      .put("createdAt", instant(row.getOffsetDateTime("created_at")))
      .put("updatedAt", instant(row.getOffsetDateTime("updated_at")));
  }

  /** The ETag the gateway sends: the version, plus the last test's time when there was one. */
  static String etag(Row row) {
    OffsetDateTime testedAt = row.getOffsetDateTime("last_test_checked_at");
    long version = row.getLong("version");
    return testedAt == null ? "\"" + version + "\""
      : "\"" + version + "." + testedAt.toInstant().toEpochMilli() + "\"";
  }

  private static String instant(OffsetDateTime time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
  }
}
