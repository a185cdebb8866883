package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

/**
 * The HTTP server's settings. On shutdown the server keeps serving for {@code drainSeconds} (readiness already
 * failing, answers carrying {@code Connection: close}) so a load balancer moves away first, then stops accepting
 * and waits up to {@code shutdownGraceSeconds} for requests in flight. A connection must deliver its first request
 * head within {@code requestHeaderTimeoutSeconds} and is closed after {@code idleTimeoutSeconds} without a request;
 * at most {@code maxConnections} are open at once per process. {@code rateLimits} bound each tenant's requests.
 */
public record HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds, int drainSeconds,
                         int idleTimeoutSeconds, int requestHeaderTimeoutSeconds, int maxConnections,
                         RateLimitConfig rateLimits) {

  static HttpConfig from(JsonObject json) {
    return new HttpConfig(
      JsonValues.string(json, "host", null),
      JsonValues.integer(json, "port", 8080, 0, 65535),
      JsonValues.integer(json, "bodyLimitBytes", 65536, 1024, 16 * 1024 * 1024),
      JsonValues.integer(json, "shutdownGraceSeconds", 10, 0, 300),
      JsonValues.integer(json, "drainSeconds", 5, 0, 300),
      JsonValues.integer(json, "idleTimeoutSeconds", 60, 1, 3600),
      JsonValues.integer(json, "requestHeaderTimeoutSeconds", 10, 1, 300),
      JsonValues.integer(json, "maxConnections", 10_000, 1, 1_000_000),
      RateLimitConfig.from(JsonValues.section(json, "rateLimits")));
  }

  /**
   * Without HTTP_HOST, dev listens on loopback only (it runs with generated dev keys anyone could mint tokens
   * with), prod on every interface (it runs behind a load balancer or in a container).
   */
  HttpConfig withDefaultHostFor(Profile profile) {
    return host != null ? this
      : new HttpConfig(profile == Profile.DEV ? "127.0.0.1" : "0.0.0.0", port, bodyLimitBytes, shutdownGraceSeconds,
        drainSeconds, idleTimeoutSeconds, requestHeaderTimeoutSeconds, maxConnections, rateLimits);
  }
}
