package io.scrapengine.vaultgateway.store;

import io.scrapengine.vaultgateway.model.Credential;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.LinkedHashMap;
import java.util.Map;

/** The columns of {@code credentials} that make a {@link Credential}, and the mapping from a row. */
final class CredentialRows {

  static final String COLUMNS = "id, tenant_id, name, integration_id, path, fields, kv_version, secret_version,"
    + " created_at, updated_at, version";

  private CredentialRows() {
  }

  static Credential toCredential(Row row) {
    Short kvVersion = row.getShort("kv_version");
    return new Credential(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"),
      row.getUUID("integration_id"), row.getString("path"), fields(row.getValue("fields")),
      kvVersion == null ? null : kvVersion.intValue(), row.getInteger("secret_version"),
      row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
      row.getLong("version"));
  }

  /** The mapping as stored (a JSON object, in the client's order). */
  static JsonObject toJson(Map<String, String> fields) {
    JsonObject json = new JsonObject();
    fields.forEach(json::put);
    return json;
  }

  private static Map<String, String> fields(Object value) {
    JsonObject json = value instanceof JsonObject object ? object : new JsonObject(String.valueOf(value));
    Map<String, String> fields = new LinkedHashMap<>();
    json.forEach(entry -> fields.put(entry.getKey(), String.valueOf(entry.getValue())));
    return fields;
  }
}
