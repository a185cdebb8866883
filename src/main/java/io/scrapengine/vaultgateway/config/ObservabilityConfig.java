package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Metrics, tracing and the access log. Tracing is on (W3C {@code traceparent} propagation, trace ids in logs)
 * but exports nothing unless an exporter is chosen, so a gateway never sends spans anywhere by surprise.
 */
public record ObservabilityConfig(boolean metricsEnabled, boolean accessLog, boolean tracingEnabled,
                                  TracesExporter tracesExporter, String otlpEndpoint, String serviceName) {

  /** Where finished spans go. */
  public enum TracesExporter { NONE, OTLP }

  static ObservabilityConfig from(JsonObject json) {
    String exporter = JsonValues.string(json, "tracesExporter", "none").trim().toLowerCase(Locale.ROOT);
    TracesExporter tracesExporter = switch (exporter) {
      case "none" -> TracesExporter.NONE;
      case "otlp" -> TracesExporter.OTLP;
      default -> throw new ConfigException("OTEL_TRACES_EXPORTER must be 'none' or 'otlp', got '" + exporter + "'");
    };
    return new ObservabilityConfig(
      JsonValues.bool(json, "metricsEnabled", true),
      JsonValues.bool(json, "accessLog", true),
      JsonValues.bool(json, "tracingEnabled", true),
      tracesExporter,
      JsonValues.string(json, "otlpEndpoint", "http://127.0.0.1:4317"),
      JsonValues.string(json, "serviceName", "vault-gateway"));
  }
}
