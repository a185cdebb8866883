package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

public record HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds) {

  static HttpConfig from(JsonObject json) {
    return new HttpConfig(
      JsonValues.string(json, "host", null),
      JsonValues.integer(json, "port", 8080, 0, 65535),
      JsonValues.integer(json, "bodyLimitBytes", 65536, 1024, 16 * 1024 * 1024),
      JsonValues.integer(json, "shutdownGraceSeconds", 10, 0, 300));
  }

  /**
   * Without HTTP_HOST, dev listens on loopback only (it runs with generated dev keys anyone could mint tokens
   * with), prod on every interface (it runs behind a load balancer or in a container).
   */
  HttpConfig withDefaultHostFor(Profile profile) {
    return host != null ? this
      : new HttpConfig(profile == Profile.DEV ? "127.0.0.1" : "0.0.0.0", port, bodyLimitBytes, shutdownGraceSeconds);
  }
}
