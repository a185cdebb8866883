package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.Observability;
import io.scrapengine.vaultgateway.config.CorsConfig;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Set;

/** What every request passes first (request id, access log, CORS), and the Prometheus endpoint. */
final class OperabilityRoutes {

  private static final Set<String> CORS_REQUEST_HEADERS = Set.of("Authorization", "Content-Type", "If-Match",
    "Idempotency-Key", RequestIds.HEADER);
  private static final Set<String> CORS_EXPOSED_HEADERS = Set.of("ETag", "Location", "Idempotent-Replayed",
    "Retry-After", "WWW-Authenticate", RequestIds.HEADER);
  private static final Set<HttpMethod> CORS_METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH,
    HttpMethod.DELETE, HttpMethod.HEAD);
  private static final int CORS_MAX_AGE_SECONDS = 600;

  private OperabilityRoutes() {
  }

  static void mountFirst(Router router, GatewayConfig config, Observability observability) {
    router.route().handler(new RequestLogHandler(observability.metrics(), config.observability().accessLog(),
      observability.traceIds()));
    CorsConfig cors = config.cors();
    if (cors.enabled()) {
      router.route().handler(CorsHandler.create()
        .addOrigins(cors.allowedOrigins())
        .allowedMethods(CORS_METHODS)
        .allowedHeaders(CORS_REQUEST_HEADERS)
        .exposedHeaders(CORS_EXPOSED_HEADERS)
        .maxAgeSeconds(CORS_MAX_AGE_SECONDS));
    }
  }

  /** {@code /metrics} in the Prometheus text format, when metrics are on. */
  static void mountMetrics(Router router, Observability observability) {
    if (observability.registry() != null) {
      router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(PrometheusScrapingHandler.create(observability.registry()));
    }
  }
}
