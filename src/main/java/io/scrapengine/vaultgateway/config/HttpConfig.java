package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

public record HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds) {

  static HttpConfig from(JsonObject json) {
    return new HttpConfig(
      JsonValues.string(json, "host", "0.0.0.0"),
      JsonValues.integer(json, "port", 8080, 0, 65535),
      JsonValues.integer(json, "bodyLimitBytes", 65536, 1024, 16 * 1024 * 1024),
      JsonValues.integer(json, "shutdownGraceSeconds", 10, 0, 300));
  }
}
