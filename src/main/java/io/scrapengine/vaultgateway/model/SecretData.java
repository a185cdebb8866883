package io.scrapengine.vaultgateway.model;

import io.vertx.core.json.JsonObject;

/**
 * The key/value pairs of a secret read from a customer's Vault. They are handed on and forgotten: never stored,
 * written to disk or logged; {@code toString} names the keys only.
 */
public final class SecretData {

  private final JsonObject values;

  private SecretData(JsonObject values) {
    this.values = values;
  }

  public static SecretData of(JsonObject values) {
    return new SecretData(values.copy());
  }

  public boolean has(String key) {
    return values.containsKey(key) && values.getValue(key) != null;
  }

  /** The value under {@code key} as text: strings as they are, anything else as its JSON. */
  public String text(String key) {
    Object value = values.getValue(key);
    if (value instanceof String text) {
      return text;
    }
    return value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray
      ? value.toString() : String.valueOf(value);
  }

  @Override
  public String toString() {
    return "SecretData[keys=" + values.fieldNames() + ", values redacted]";
  }
}
