package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/** Reads typed values from configuration, where environment variables arrive as strings. */
final class JsonValues {

  private JsonValues() {
  }

  static JsonObject section(JsonObject json, String key) {
    JsonObject section = json.getJsonObject(key);
    return section == null ? new JsonObject() : section;
  }

  static String string(JsonObject json, String key, String fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    String text = value.toString();
    return text.isBlank() ? fallback : text;
  }

  static boolean bool(JsonObject json, String key, boolean fallback) {
    Object value = json.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    return switch (value.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException("'" + key + "' must be true or false, got '" + value + "'");
    };
  }

  static int integer(JsonObject json, String key, int fallback, int min, int max) {
    Object value = json.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    int parsed;
    try {
      parsed = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("'" + key + "' must be a whole number");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException("'" + key + "' must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }
}
